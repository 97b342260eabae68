package com.peakcare.engine.gate;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The values a form sent, read as the task's rules need them: every problem is a {@link Refusal#invalid} naming the
 * field, in words a person can act on. Forms send yes/no as booleans or "true"/"false", numbers as numbers or text.
 */
public final class FormValues {

  private final Map<String, Object> values;

  public FormValues(Map<String, Object> values) {
    this.values = values;
  }

  public Object raw(String field) {
    return values.get(field);
  }

  /** A required yes/no answer. */
  public boolean yesNo(String field) {
    Object value = values.get(field);
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw Refusal.invalid(field, "必填：请选择“是”或“否” · required: yes or no");
  }

  /** Text, trimmed (blank is none); {@code required} refuses none with {@code requiredMessage}. */
  public String text(String field, int maxLength, boolean required, String requiredMessage) {
    Object value = values.get(field);
    if (value != null && !(value instanceof String) && !(value instanceof Number)) {
      throw Refusal.invalid(field, "应为文字 · must be text");
    }
    String text = value == null ? null : value.toString().trim();
    if (text == null || text.isEmpty()) {
      if (required) {
        throw Refusal.invalid(field, requiredMessage);
      }
      return null;
    }
    if (text.length() > maxLength) {
      throw Refusal.invalid(field, "最多 " + maxLength + " 个字 · at most " + maxLength + " characters");
    }
    return text;
  }

  /** A required amount of money: more than 0, at most {@code max}, in yuan with at most two decimals. */
  public BigDecimal money(String field, BigDecimal max) {
    BigDecimal amount = number(field);
    if (amount == null) {
      throw Refusal.invalid(field, "必填：金额（元） · required: an amount in yuan");
    }
    if (amount.signum() <= 0 || amount.compareTo(max) > 0 || amount.stripTrailingZeros().scale() > 2) {
      throw Refusal.invalid(field, "金额须大于 0、不超过 " + max.toPlainString() + " 元、最多两位小数 · must be more than 0 "
          + "and at most " + max.toPlainString() + ", with at most two decimals");
    }
    return amount.setScale(2);
  }

  /** A required whole number from {@code min} to {@code max}. */
  public int whole(String field, int min, int max, String requiredMessage) {
    BigDecimal n = number(field);
    if (n == null) {
      throw Refusal.invalid(field, requiredMessage);
    }
    if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(min)) < 0
        || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw Refusal.invalid(field, "须为 " + min + " 到 " + max + " 的整数 · must be a whole number from " + min
          + " to " + max);
    }
    return n.intValueExact();
  }

  private BigDecimal number(String field) {
    Object value = values.get(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof Number || value instanceof String) {
      try {
        return new BigDecimal(value.toString().trim());
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw Refusal.invalid(field, "应为数字，而不是“" + value + "” · must be a number, not \"" + value + "\"");
  }
}
