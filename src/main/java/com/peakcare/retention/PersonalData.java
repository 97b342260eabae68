package com.peakcare.retention;

import java.util.regex.Pattern;

/**
 * A customer's personal data where it is shown or written down (issue 27): a phone masked for whoever does not need to
 * call ({@code 138****1111}), and any text headed for a log, an error column or an incident scrubbed of phone numbers
 * and e-mail addresses (a mail server's "550 &lt;zhang.wei@example.com&gt; unknown", an SMS gateway echoing the number).
 */
public final class PersonalData {

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  /**
   * Mainland mobiles (1[3-9] + 9 digits, spaced or hyphenated, +86/0086 before), international numbers (+ and 7 or more
   * digits), and any bare run of 7 or more digits. Case and order numbers ("R-20261111", "O-123456789") are not
   * phones: a digit run right after a letter, '_' or '-' is left alone.
   */
  private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z_-])(?:(?:\\+|00)?86[ -]?)?1[3-9][0-9]"
      + "(?:[ -]?[0-9]){8}(?![0-9])|\\+[0-9](?:[ -]?[0-9]){6,}(?![0-9])|(?<![0-9A-Za-z_-])[0-9]{7,}(?![0-9])");

  private PersonalData() {}

  /** "13812341111" as "138****1111": the first three and last four digits (of the last 11); short numbers keep two. */
  public static String maskPhone(String phone) {
    if (phone == null || phone.isBlank()) {
      return phone;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() > 11) {
      digits = digits.substring(digits.length() - 11);
    }
    if (digits.length() >= 8) {
      return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }
    return "*".repeat(Math.max(0, digits.length() - 2)) + digits.substring(Math.max(0, digits.length() - 2));
  }

  /** The text without phone numbers and e-mail addresses: each replaced by a marker that says what was there. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String noMail = EMAIL.matcher(text).replaceAll("<e-mail>");
    return PHONE.matcher(noMail).replaceAll("<phone>");
  }
}
