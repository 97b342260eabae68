package com.peakcare.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.IDN;
import java.util.regex.Pattern;

/**
 * An e-mail address PeakCare can deliver to over the Internet (issue 26), where addresses enter: at most 254
 * characters; a local part of letters, digits and {@code !#$%&'*+/=?^_`{|}~-} with single dots inside (no quoted local
 * part, no space, no control character); a domain name of at least two labels (letters, digits, hyphens; an
 * internationalised domain as its ASCII form) whose last label is not a number: so no IP literal
 * ({@code a@[127.0.0.1]}), no dotted IP address, no bare host ({@code a@localhost}). Bean Validation's {@code @Email}
 * takes all of these. {@code null} is valid (say {@code @NotNull} where an address is required); the channel checks
 * again before a message leaves ({@link Check#isDeliverable}).
 */
@Documented
@Constraint(validatedBy = DeliverableEmail.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DeliverableEmail {

  String message() default "不是可投递的邮箱地址 · not an e-mail address PeakCare can deliver to (name@example.com: no IP "
      + "address, no quotes, no spaces or control characters)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The validator of the annotation, and the rule itself. */
  class Check implements ConstraintValidator<DeliverableEmail, String> {

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL = Pattern.compile(ATEXT + "(\\." + ATEXT + ")*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    /** The rule, for a channel's last check before a message leaves. */
    public static boolean isDeliverable(String address) {
      if (address == null || address.length() > 254) {
        return false;
      }
      int at = address.lastIndexOf('@');
      if (at <= 0 || at != address.indexOf('@') || at > 64) {
        return false;
      }
      String local = address.substring(0, at);
      String domain;
      try {
        domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (!LOCAL.matcher(local).matches() || domain.length() > 253) {
        return false;
      }
      String[] labels = domain.split("\\.", -1);
      if (labels.length < 2) {
        return false;
      }
      for (String label : labels) {
        if (!LABEL.matcher(label).matches()) {
          return false;
        }
      }
      return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || isDeliverable(value);
    }
  }
}
