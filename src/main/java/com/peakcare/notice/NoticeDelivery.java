package com.peakcare.notice;

import java.time.Instant;

/**
 * A notice's delivery over one channel (SMS, EMAIL, IN_APP): PENDING, SENDING (an attempt is under way), SENT or FAILED
 * (the last attempt failed).
 */
public record NoticeDelivery(String channel, String status, Instant sentAt) {
  public static final String SMS = "SMS";
  public static final String EMAIL = "EMAIL";
  public static final String IN_APP = "IN_APP";
  public static final String PENDING = "PENDING";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  /** Not sent, on purpose: a {@link NoticeGuard} withheld it when it was to leave (issue 22: a buyer in a hold-out). */
  public static final String WITHHELD = "WITHHELD";
}
