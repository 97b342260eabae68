package com.peakcare.notice;

import java.time.Instant;
import java.util.List;

/** One notice as recorded: key caseRef:type:sequence, the text the customer gets, and each channel's delivery. */
public record Notice(String key, String caseRef, NoticeType type, int sequence, String locale, String text,
    Instant createdAt, List<NoticeDelivery> deliveries) {

  /** The delivery over one channel, if the notice uses it. */
  public java.util.Optional<NoticeDelivery> delivery(String channel) {
    return deliveries.stream().filter(d -> d.channel().equals(channel)).findFirst();
  }
}
