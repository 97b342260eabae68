package com.peakcare.notice;

import com.peakcare.engine.Actor;
import com.peakcare.engine.FormValues;
import com.peakcare.engine.Refusal;
import com.peakcare.engine.TaskFacts;
import com.peakcare.engine.TaskPolicy;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The refund-care process's one human task, 跟进逾期退款 · Follow up late refund: supervisors only, completed with its
 * note (forms/refund-late-follow-up.form) and nothing else.
 */
@Component
class RefundCareTaskPolicy implements TaskPolicy {

  static final String FOLLOW_UP_NOTE = "followUpNote";

  private final StaffDirectory staff;

  RefundCareTaskPolicy(StaffDirectory staff) {
    this.staff = staff;
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
    if (assignee != null && !staff.isMember(assignee, Groups.SUPERVISORS)) {
      throw Refusal.forbidden("逾期退款由主管跟进 · Late refunds are followed up by supervisors");
    }
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    if (actor.isPerson() && !actor.isAdmin() && !actor.in(Groups.SUPERVISORS)) {
      throw Refusal.forbidden("逾期退款由主管跟进 · Late refunds are followed up by supervisors");
    }
    new FormValues(values).text(FOLLOW_UP_NOTE, 2000, true, "必填：跟进记录 · required: what you did about it");
    return Map.of();
  }
}
