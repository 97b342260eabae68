package com.peakcare.returns;

import java.util.Map;

/** The policy's rejection codes in the words the customer reads, in their language. */
final class RejectionReasons {

  private static final Map<String, String[]> TEXT = Map.of(
      "EXCLUDED_CATEGORY", new String[] {
          "定制、生鲜及已拆封的数码商品不适用七天无理由退货",
          "custom-made, fresh and opened digital goods are not covered by the 7-day no-reason return"},
      "WINDOW_CLOSED", new String[] {
          "已超过签收后七天无理由退货期限",
          "the 7-day no-reason return period after delivery has passed"},
      "PRICE_PROTECTION_EXPIRED", new String[] {
          "已超过30天价格保护期",
          "the 30-day price protection period has passed"});

  static String text(String code, String locale) {
    String[] text = TEXT.get(code);
    if (text == null) {
      return code;
    }
    return "en".equals(locale) ? text[1] : text[0];
  }

  private RejectionReasons() {}
}
