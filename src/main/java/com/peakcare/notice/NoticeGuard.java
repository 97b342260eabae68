package com.peakcare.notice;

import java.util.List;
import java.util.Optional;

/**
 * A feature's last word on whether a notice may reach the customer, asked where messages leave PeakCare: when a notice
 * is recorded ({@link NoticeService}: a withheld one is refused, {@link NoticeWithheld}, nothing written, not even
 * in-app) and again by the dispatcher right before each channel sends (a withheld channel is marked
 * {@link NoticeDelivery#WITHHELD} and never sent). Features contribute one as a bean; the notice feature never asks
 * them anything else (issue 22: a buyer in a payment-reminder hold-out gets no reminder from any channel, and no
 * reminder reaches an order that was paid meanwhile).
 */
public interface NoticeGuard {

  /** Why this notice must not reach its customer now; empty when this guard has nothing against it. */
  Optional<String> withhold(String caseRef, NoticeType type);

  /** The first guard's reason to withhold, if any. */
  static Optional<String> first(List<NoticeGuard> guards, String caseRef, NoticeType type) {
    for (NoticeGuard guard : guards) {
      Optional<String> why = guard.withhold(caseRef, type);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }
}
