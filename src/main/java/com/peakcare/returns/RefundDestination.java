package com.peakcare.returns;

import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Where a refund goes (issue 20), in a small explicit syntax:
 * <ul>
 *   <li>{@code ORIGINAL_PAYMENT}: back the way the order was paid (原路退回), the default and the rule;</li>
 *   <li>{@code ALIPAY:<account>}: an Alipay account, a mainland mobile number ({@code 1[3-9]} and nine digits) or an
 *       e-mail address;</li>
 *   <li>{@code BANK:<number>}: a bank card of 16 to 19 digits whose last digit is its Luhn check digit (every UnionPay
 *       card number has one), or an IBAN (its two check digits, mod 97); spaces and hyphens between digits are
 *       dropped.</li>
 * </ul>
 * Anything else ({@code BANK:6222-0000-UXLEAD}, free text, a link) is refused; the checksums catch a mistyped digit
 * before any money moves. The account is stored as parsed ({@link #code()}); the customer reads it masked.
 */
record RefundDestination(Kind kind, String account) {

  enum Kind { ORIGINAL_PAYMENT, ALIPAY, BANK }

  static final String ORIGINAL = "ORIGINAL_PAYMENT";
  static final String SYNTAX = "ORIGINAL_PAYMENT、ALIPAY:<手机号或邮箱>、BANK:<16–19 位卡号或 IBAN> · ORIGINAL_PAYMENT, "
      + "ALIPAY:<mobile number or e-mail>, BANK:<16-19 digit card number or IBAN>";

  private static final java.util.regex.Pattern MOBILE = java.util.regex.Pattern.compile("1[3-9][0-9]{9}");

  /** The destination a text names, or {@link IllegalArgumentException} with a sentence saying what is wrong. */
  static RefundDestination parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equals(ORIGINAL)) {
      return new RefundDestination(Kind.ORIGINAL_PAYMENT, null);
    }
    int colon = t.indexOf(':');
    String kind = colon < 0 ? t : t.substring(0, colon);
    String account = colon < 0 ? "" : t.substring(colon + 1).strip();
    switch (kind) {
      case "ALIPAY" -> {
        if (MOBILE.matcher(account).matches()
            || account.length() <= 64 && EmailValidator.getInstance().isValid(account)) {
          return new RefundDestination(Kind.ALIPAY, account.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("支付宝账户须为手机号或邮箱 · an Alipay account is a mainland mobile number or "
            + "an e-mail address");
      }
      case "BANK" -> {
        String number = account.replaceAll("[ -]", "").toUpperCase(Locale.ROOT);
        if (number.matches("[0-9]{16,19}")) {
          if (LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(number)) {
            return new RefundDestination(Kind.BANK, number);
          }
          throw new IllegalArgumentException("银行卡号校验位不对，请核对 · the card number's check digit is wrong: check "
              + "every digit");
        }
        if (IBANValidator.getInstance().isValid(number)) {
          return new RefundDestination(Kind.BANK, number);
        }
        throw new IllegalArgumentException("银行账户须为 16–19 位卡号或有效的 IBAN · a bank account is a card number of "
            + "16 to 19 digits or a valid IBAN");
      }
      default -> throw new IllegalArgumentException("退款去向须为 " + SYNTAX);
    }
  }

  /** As stored and sent to the refund gateway. */
  String code() {
    return kind == Kind.ORIGINAL_PAYMENT ? ORIGINAL : kind.name() + ":" + account;
  }

  boolean isOriginal() {
    return kind == Kind.ORIGINAL_PAYMENT;
  }

  /**
   * In the customer's words, the account masked ("尾号 1234 的银行卡"); the original payment named by its method when
   * the order says it ("您的支付宝账户（原路退回）").
   */
  String describe(boolean english, String paymentMethod) {
    return switch (kind) {
      case ORIGINAL_PAYMENT -> paymentMethod == null
          ? (english ? "your original payment method" : "您的原支付账户")
          : (english ? "your " + paymentMethod + " (the way you paid)" : "您的" + paymentMethod + "（原路退回）");
      case ALIPAY -> (english ? "the Alipay account " : "支付宝账户 ") + maskedAccount();
      case BANK -> english ? "the bank account ending " + last4() : "尾号 " + last4() + " 的银行账户";
    };
  }

  private String maskedAccount() {
    if (MOBILE.matcher(account).matches()) {
      return account.substring(0, 3) + "****" + account.substring(7);
    }
    int at = account.indexOf('@');
    return account.charAt(0) + "***" + account.substring(at);
  }

  private String last4() {
    return account.substring(account.length() - 4);
  }
}
