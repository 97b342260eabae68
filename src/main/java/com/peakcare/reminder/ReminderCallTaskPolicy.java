package com.peakcare.reminder;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.Groups;
import com.peakcare.order.Order;
import com.peakcare.order.Orders;
import com.peakcare.reminder.PaymentReminderCallProcess.Vars;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who makes a payment-reminder call (the engine gate applies it on every door): an after-sales agent claims it for
 * themselves; only its holder gives it back or completes it, with an outcome of {@link PaymentReminderCallProcess#OUTCOMES}
 * and a note. The order, the buyer's history and the script are read from the records when the form opens.
 */
@Component
class ReminderCallTaskPolicy implements TaskPolicy {

  private static final Logger log = LoggerFactory.getLogger(ReminderCallTaskPolicy.class);
  static final Set<String> FIELDS = Set.of(Vars.CALL_OUTCOME, Vars.CALL_NOTE);

  private final Orders orders;
  private final ReminderRepository repository;
  private final ReminderSettings settings;

  ReminderCallTaskPolicy(Orders orders, ReminderRepository repository, ReminderSettings settings) {
    this.orders = orders;
    this.repository = repository;
    this.settings = settings;
  }

  @Override
  public String processKey() {
    return PaymentReminderCallProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return FIELDS;
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    if (!actor.isPerson() || actor.isAdmin()) {
      return;
    }
    if (!actor.in(Groups.AFTER_SALES)) {
      throw Refusal.forbidden("催付电话由售后客服拨打 · Payment reminder calls are made by after-sales agents");
    }
    if (task.assignee() == null && !actor.userId().equals(assignee)) {
      throw Refusal.forbidden("只能为自己认领任务 · You can only claim a task for yourself");
    }
    if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("只有任务的处理人可以转交或退回它 · Only the task's assignee may hand it over or give it back");
    }
    if (task.assignee() != null && assignee != null && !assignee.equals(actor.userId())) {
      throw Refusal.forbidden("催付电话不能转交，请退回后由同事认领 · Give the call back; a colleague claims it");
    }
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    if (task.assignee() == null) {
      throw Refusal.forbidden("请先认领任务 · Claim the task first");
    }
    if (actor.isPerson() && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("只有任务的处理人本人可以完成它 · Only the task's assignee completes it");
    }
    FormValues form = new FormValues(values);
    String outcome = form.text(Vars.CALL_OUTCOME, 16, true, "必填：通话结果 · required: the outcome");
    if (!PaymentReminderCallProcess.OUTCOMES.contains(outcome)) {
      throw Refusal.invalid(Vars.CALL_OUTCOME, "通话结果须为 " + PaymentReminderCallProcess.OUTCOMES + " 之一 · one of "
          + PaymentReminderCallProcess.OUTCOMES);
    }
    form.text(Vars.CALL_NOTE, 500, false, null);
    if (!repository.recordCall(task.businessKey(), outcome, task.assignee(), Instant.now())) {
      throw Refusal.forbidden("这通电话已经记录过了 · This call has been recorded already");
    }
    log.info("order {}: payment reminder call by {}: {}", task.businessKey(), task.assignee(), outcome);
    return Map.of(Vars.CALL_OUTCOME, outcome);
  }

  @Override
  public String title(TaskFacts task) {
    return orders.find(task.businessKey()).map(o -> task.businessKey() + " " + o.contact().name() + " ¥"
        + o.linesTotal().toPlainString() + " " + o.memberTier()).orElse(task.businessKey());
  }

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    Order o = orders.find(task.businessKey())
        .orElseThrow(() -> new IllegalStateException("call task " + task.id() + " names no order"));
    long[] history = repository.buyerHistory(o.buyerId());
    String close = repository.order(o.orderNo()).map(r -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .format(r.closeAt().atZone(settings.timeZone()))).orElse("?");
    String brief = "订单 · Order " + o.orderNo() + "（" + o.memberTier() + "）¥" + o.linesTotal().toPlainString()
        + "，" + ReminderSender.items(o) + "\n买家 · Buyer " + o.contact().name() + " " + o.contact().phone()
        + "\n订单关闭 · Closes " + close + "\n本次活动订单 · Orders this campaign: " + history[0] + "，已付款 · paid "
        + history[1];
    return Map.of(Vars.CALL_BRIEF, brief);
  }
}
