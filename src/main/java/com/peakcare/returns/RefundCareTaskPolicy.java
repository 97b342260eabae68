package com.peakcare.returns;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.notice.NoticeVariables;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The refund-care process's one human task, 跟进逾期退款 · Follow up late refund: after-sales supervisors only (issue 20:
 * by department, not every lead in {@code supervisors}), completed with its note (forms/refund-late-follow-up.form)
 * and nothing else.
 */
@Component
class RefundCareTaskPolicy implements TaskPolicy {

  static final String FOLLOW_UP_NOTE = "followUpNote";

  private final StaffDirectory staff;
  private final ReturnNoticeFacts facts;
  private final RefundCare refundCare;

  RefundCareTaskPolicy(StaffDirectory staff, ReturnNoticeFacts facts, RefundCare refundCare) {
    this.staff = staff;
    this.facts = facts;
    this.refundCare = refundCare;
  }

  /** The card's words: the return, its customer and amount (the task's name in the model says what to do). */
  @Override
  public String title(TaskFacts task) {
    String returnNo = task.businessKey();
    return facts.of(returnNo)
        .map(f -> returnNo + " " + f.customer().name()
            + (f.values().get(NoticeVariables.AMOUNT) == null ? "" : " ¥" + f.values().get(NoticeVariables.AMOUNT)))
        .orElse(returnNo);
  }

  /** What the form shows, read from the records when the task loads: the case, its customer, amount and promise. */
  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    String returnNo = task.businessKey();
    Map<String, Object> values = new java.util.HashMap<>();
    values.put(NoticeVariables.RETURN_NO, returnNo);
    facts.of(returnNo).ifPresent(f -> {
      values.put(NoticeVariables.CUSTOMER_NAME, f.customer().name());
      Object amount = f.values().get(NoticeVariables.AMOUNT);
      if (amount != null) {
        values.put(NoticeVariables.AMOUNT, "¥" + amount);
      }
    });
    refundCare.promiseOf(returnNo).ifPresent(p -> values.put(NoticeVariables.PROMISED_BY, java.util.Date.from(
        p.newPromisedBy() != null ? p.newPromisedBy() : p.promisedBy())));
    return values;
  }

  @Override
  public String processKey() {
    return RefundCareProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return Set.of(FOLLOW_UP_NOTE);
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    if (assignee != null && !staff.isSupervisorOf(assignee, StaffDirectory.AFTER_SALES)) {
      throw Refusal.forbidden("逾期退款由售后主管跟进 · Late refunds are followed up by after-sales supervisors");
    }
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    if (actor.isPerson() && !actor.isAdmin() && !staff.isSupervisorOf(actor.userId(), StaffDirectory.AFTER_SALES)) {
      throw Refusal.forbidden("逾期退款由售后主管跟进 · Late refunds are followed up by after-sales supervisors");
    }
    new FormValues(values).text(FOLLOW_UP_NOTE, 2000, true, "必填：跟进记录 · required: what you did about it");
    return Map.of();
  }
}
