package com.peakcare.reminder;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.order.Order;
import com.peakcare.order.OrderStatus;
import com.peakcare.order.Orders;
import com.peakcare.reminder.ReminderRepository.OrderRow;
import com.peakcare.reminder.ReminderRepository.Step;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one due step, in a transaction of its own, checked when it is sent, not only when it was planned: the order's
 * row is locked first (a payment registered at the same moment waits for this step, or this step sees it), then the
 * order must still be unpaid (in the plan and in the shop's record), the buyer in the reminded group and not opted out,
 * the order not closed, SMS and calls outside quiet hours and the buyer not reminded within the fatigue cap. A message
 * goes through the notice outbox in this transaction (exactly once: the step's number is its dedup key); a call starts
 * the call process.
 */
@Component
class ReminderSender {

  private static final Logger log = LoggerFactory.getLogger(ReminderSender.class);

  /** What became of a step. */
  enum Outcome { SENT, DEFERRED, CANCELLED, WITHHELD, SKIPPED, GONE, RETRY, FAILED }

  private final ReminderRepository repository;
  private final ReminderSettings settings;
  private final Orders orders;
  private final NoticeService notices;
  private final RuntimeService runtime;
  private final EngineGate gate;
  private final TransactionTemplate tx;

  ReminderSender(ReminderRepository repository, ReminderSettings settings, Orders orders, NoticeService notices,
      RuntimeService runtime, EngineGate gate, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.settings = settings;
    this.orders = orders;
    this.notices = notices;
    this.runtime = runtime;
    this.gate = gate;
    this.tx = new TransactionTemplate(transactions);
  }

  Outcome send(String orderNo, int stepNo, Instant now) {
    return tx.execute(s -> sendInTransaction(orderNo, stepNo, now));
  }

  /** A step whose notice a guard refused when it was recorded: withheld, in a transaction of its own. */
  void withheld(String orderNo, int stepNo, String reason) {
    tx.executeWithoutResult(s -> repository.finish(orderNo, stepNo, ReminderStates.WITHHELD, cut(reason), null,
        Instant.now()));
  }

  /**
   * An attempt failed (its transaction rolled back, nothing sent): counted, in a transaction of its own; the step is
   * tried again later or, at the last attempt, ends FAILED. The attempts so far.
   */
  int failed(String orderNo, int stepNo, String error, Instant now) {
    Integer n = tx.execute(s -> repository.failed(orderNo, stepNo, error, now, settings.maxAttempts(),
        attempts -> now.plus(settings.retryAfter(attempts))));
    return n == null ? 0 : n;
  }

  private Outcome sendInTransaction(String orderNo, int stepNo, Instant now) {
    Optional<OrderRow> locked = repository.lockOrder(orderNo);
    Optional<Step> found = repository.step(orderNo, stepNo);
    if (locked.isEmpty() || found.isEmpty() || !ReminderStates.PENDING.equals(found.get().state())) {
      return Outcome.GONE;
    }
    OrderRow o = locked.get();
    Step step = found.get();
    if (!ReminderStates.ACTIVE.equals(o.state())) {
      return finish(step, Outcome.CANCELLED, ReminderStates.CANCELLED, "订单" + o.state() + " · order " + o.state(), now);
    }
    if (!Holdout.REMINDED.equals(o.group())) {
      return finish(step, Outcome.WITHHELD, ReminderStates.WITHHELD, "对照组 · hold-out", now);
    }
    if (!now.isBefore(o.closeAt())) {
      return finish(step, Outcome.SKIPPED, ReminderStates.SKIPPED_STEP, "订单已关闭 · the order has closed", now);
    }
    Optional<String> flag = repository.flag(o.buyerId());
    if (flag.isPresent()) {
      return finish(step, Outcome.SKIPPED, ReminderStates.SKIPPED_STEP, "买家 " + flag.get() + " · buyer " + flag.get(),
          now);
    }
    Order order = orders.find(orderNo).orElseThrow(() -> new IllegalStateException("no order " + orderNo));
    if (order.status() != OrderStatus.UNPAID) {
      return finish(step, Outcome.CANCELLED, ReminderStates.CANCELLED, "订单" + order.status() + " · order "
          + order.status(), now);
    }
    Instant quietUntil = Channels.quietAtNight(step.channel()) ? settings.quietUntil(now) : null;
    if (quietUntil != null) {
      return deferOrSkip(step, o, quietUntil, "免打扰时段 · quiet hours", now);
    }
    if (!repository.claimCap(o.campaignId(), o.buyerId(), now, now.minus(settings.fatigueCap()))) {
      Instant next = repository.lastReminded(o.campaignId(), o.buyerId()).map(t -> t.plus(settings.fatigueCap()))
          .orElse(now.plus(settings.fatigueCap()));
      return deferOrSkip(step, o, next, "每日上限 · fatigue cap", now);
    }
    String noticeKey = null;
    if (Channels.PHONE.equals(step.channel())) {
      gate.asPeakCare(() -> runtime.createProcessInstanceByKey(PaymentReminderCallProcess.KEY).businessKey(orderNo)
          .setVariable(PaymentReminderCallProcess.Vars.CLOSE_AT, Date.from(o.closeAt())).execute());
    } else {
      Notice notice = notices.sendOnceOver(orderNo, NoticeType.valueOf(step.template()), "step-" + stepNo,
          customer(order), values(order, o), List.of(step.channel()));
      noticeKey = notice.key();
    }
    repository.finish(orderNo, stepNo, ReminderStates.SENT, null, noticeKey, now);
    repository.countReminder(orderNo, step.channel(), now);
    log.info("order {}: reminder step {} sent over {}", orderNo, stepNo, step.channel());
    return Outcome.SENT;
  }

  private Outcome deferOrSkip(Step step, OrderRow o, Instant until, String why, Instant now) {
    if (until.isBefore(o.closeAt())) {
      repository.defer(step.orderNo(), step.stepNo(), until, why);
      return Outcome.DEFERRED;
    }
    return finish(step, Outcome.SKIPPED, ReminderStates.SKIPPED_STEP, why + "，订单关闭前不能再发 · not before the order "
        + "closes", now);
  }

  private Outcome finish(Step step, Outcome outcome, String state, String reason, Instant now) {
    repository.finish(step.orderNo(), step.stepNo(), state, reason, null, now);
    return outcome;
  }

  static NoticeCustomer customer(Order order) {
    return new NoticeCustomer(order.contact().name(), order.contact().phone(), order.contact().email(),
        order.contact().locale(), order.province());
  }

  static Map<String, Object> values(Order order, OrderRow row) {
    Map<String, Object> v = new HashMap<>();
    v.put(NoticeVariables.ORDER_NO, order.orderNo());
    v.put(NoticeVariables.ITEMS, items(order));
    v.put(NoticeVariables.ORDER_AMOUNT, order.linesTotal());
    v.put(NoticeVariables.CLOSE_AT, row.closeAt());
    return v;
  }

  /** The items in a few words: the first two lines by name and quantity, then how many more. */
  static String items(Order order) {
    StringBuilder s = new StringBuilder();
    List<Order.Line> lines = order.lines();
    for (int i = 0; i < Math.min(2, lines.size()); i++) {
      Order.Line l = lines.get(i);
      s.append(i == 0 ? "" : "、").append(l.name()).append(l.quantity() > 1 ? " ×" + l.quantity() : "");
    }
    if (lines.size() > 2) {
      s.append(" 等 ").append(lines.size()).append(" 件 · and ").append(lines.size() - 2).append(" more");
    }
    return s.toString();
  }

  private static String cut(String s) {
    return s == null ? null : s.length() > 200 ? s.substring(0, 200) : s;
  }
}
