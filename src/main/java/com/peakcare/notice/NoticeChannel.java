package com.peakcare.notice;

/** A way to reach the customer outside PeakCare. IN_APP is not one: the outbox row is the in-app notice. */
interface NoticeChannel {

  /** SMS or EMAIL. */
  String name();

  /** Switched on by configuration; a disabled channel is not used for new notices. */
  boolean enabled();

  /** Whether this customer can be reached this way at all (has a phone, an e-mail address). */
  boolean reaches(String phone, String email);

  /** Sends the notice; throws on any failure. Must pass the notice key on as idempotency key where it can. */
  void send(NoticeOutbox.Stored notice);
}
