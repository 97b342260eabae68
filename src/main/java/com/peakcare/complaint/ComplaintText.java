package com.peakcare.complaint;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as staff and customers read them: the shop's time zone, to the minute. */
final class ComplaintText {

  static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SHOP_ZONE);

  private ComplaintText() {}

  static String time(Instant at) {
    return at == null ? "-" : MINUTE.format(at);
  }
}
