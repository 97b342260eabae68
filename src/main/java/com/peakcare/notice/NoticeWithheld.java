package com.peakcare.notice;

/** A notice a {@link NoticeGuard} withholds: refused when it was to be recorded; nothing was written. */
public class NoticeWithheld extends IllegalStateException {

  private final String reason;

  NoticeWithheld(String caseRef, NoticeType type, String reason) {
    super("notice " + type + " for " + caseRef + " withheld: " + reason);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
