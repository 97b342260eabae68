package com.peakcare.reminder;

import com.peakcare.notice.NoticeGuard;
import com.peakcare.notice.NoticeType;
import com.peakcare.order.Order;
import com.peakcare.order.OrderStatus;
import com.peakcare.order.Orders;
import com.peakcare.reminder.ReminderRepository.OrderRow;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where payment reminders leave PeakCare (the notice service when one is recorded, the dispatcher right before each
 * channel sends): a reminder reaches only an order of the reminded group that is still in its plan, still unpaid in
 * the shop's record, of a buyer who did not opt out. Whoever asks for it, through whichever door: a buyer in the
 * hold-out gets nothing from any channel.
 */
@Component
class ReminderNoticeGuard implements NoticeGuard {

  static final Set<NoticeType> REMINDERS = Set.of(NoticeType.PAYMENT_REMINDER, NoticeType.PAYMENT_REMINDER_LAST);

  private final ReminderRepository repository;
  private final Orders orders;

  ReminderNoticeGuard(ReminderRepository repository, Orders orders) {
    this.repository = repository;
    this.orders = orders;
  }

  @Override
  public Optional<String> withhold(String caseRef, NoticeType type) {
    if (!REMINDERS.contains(type)) {
      return Optional.empty();
    }
    Optional<OrderRow> row = repository.order(caseRef);
    if (row.isEmpty()) {
      return Optional.of("订单 " + caseRef + " 不在催付计划中 · order " + caseRef + " is in no reminder plan");
    }
    OrderRow o = row.get();
    if (!Holdout.REMINDED.equals(o.group())) {
      return Optional.of(o.group() == null ? "订单未纳入催付 · the order was skipped (" + o.skipReason() + ")"
          : "买家在对照组 · the buyer is in the hold-out");
    }
    if (!ReminderStates.ACTIVE.equals(o.state())) {
      return Optional.of("订单" + o.state() + " · the order is " + o.state());
    }
    Optional<String> flag = repository.flag(o.buyerId());
    if (flag.isPresent()) {
      return Optional.of("买家 " + flag.get() + " · the buyer is " + flag.get());
    }
    OrderStatus status = orders.find(caseRef).map(Order::status).orElse(null);
    if (status != OrderStatus.UNPAID) {
      return Optional.of("订单" + status + " · the order is " + status + " in the shop's records");
    }
    return Optional.empty();
  }
}
