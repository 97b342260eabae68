package com.peakcare.notice;

/**
 * How the delivery of a set of notices stands: {@code sent} went out on every channel, {@code failed} have a channel
 * whose last attempt failed (it is retried, then an incident of notice-delivery); the rest are on their way.
 */
public record DeliveryTally(int notices, int sent, int failed) {

  public static final DeliveryTally NONE = new DeliveryTally(0, 0, 0);

  DeliveryTally plus(DeliveryTally other) {
    return new DeliveryTally(notices + other.notices, sent + other.sent, failed + other.failed);
  }
}
