package com.peakcare.returns;

import com.peakcare.engine.Actor;
import com.peakcare.engine.FormValues;
import com.peakcare.engine.Refusal;
import com.peakcare.engine.TaskFacts;
import com.peakcare.engine.TaskPolicy;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who works on a return case's tasks, and with what (applied by the engine gate on every path: Tasklist,
 * {@code /engine-rest}, Java):
 * <ul>
 *   <li>the agent's tasks (review, decision after a failed inspection, follow-up call) go only to members of
 *       after-sales; the warehouse's (inspection, replacement) only to warehouse staff; overdue escalations only to
 *       supervisors;</li>
 *   <li>a person claims only for themselves; only the task's assignee or a supervisor hands it over or unclaims it;
 *       an agent's task is handed over, never unclaimed (the case would have no agent);</li>
 *   <li>only the assignee or a supervisor completes a task, with the fields of its form, checked here whatever form or
 *       client sent them; the decision is recorded on the case (the refund pays from the record, not from these
 *       values).</li>
 * </ul>
 */
@Component
class ReturnTaskPolicy implements TaskPolicy {

  static final Set<String> AGENT_TASKS = Set.of(
      Elements.TASK_REVIEW, Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION, Elements.TASK_FOLLOW_UP_CALL);
  static final Set<String> WAREHOUSE_TASKS = Set.of(Elements.TASK_INSPECT, Elements.TASK_SHIP_REPLACEMENT);
  static final Set<String> ESCALATIONS = Set.of(
      Elements.TASK_HANDLE_OVERDUE_REVIEW, Elements.TASK_HANDLE_OVERDUE_INSPECTION);

  /** The editable fields of each task's form (forms/return-*.form): all a completion may send. */
  static final Map<String, Set<String>> FIELDS = Map.of(
      Elements.TASK_REVIEW, Set.of(Vars.APPROVED, Vars.DECISION_NOTE, Vars.APPROVAL_NOTE),
      Elements.TASK_HANDLE_OVERDUE_REVIEW, Set.of(Vars.ESCALATION_NOTE, Vars.REASSIGN_TO),
      Elements.TASK_HANDLE_OVERDUE_INSPECTION, Set.of(Vars.ESCALATION_NOTE, Vars.REASSIGN_TO),
      Elements.TASK_INSPECT, Set.of(Vars.INSPECTION_PASSED, Vars.INSPECTION_NOTE),
      Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION, Set.of(Vars.PARTIAL_REFUND, Vars.REFUND_AMOUNT,
          Vars.DECISION_NOTE),
      Elements.TASK_SHIP_REPLACEMENT, Set.of(Vars.REPLACEMENT_COURIER, Vars.REPLACEMENT_WAYBILL_NO),
      Elements.TASK_FOLLOW_UP_CALL, Set.of(Vars.SATISFIED, Vars.NOTE));

  private final ReturnCases cases;
  private final StaffDirectory staff;
  private final ReturnCategories categories;

  ReturnTaskPolicy(ReturnCases cases, StaffDirectory staff, ReturnCategories categories) {
    this.cases = cases;
    this.staff = staff;
    this.categories = categories;
  }

  /** The card's words: return number, customer, amount, and VIP when it is one. */
  @Override
  public String title(TaskFacts task) {
    CaseRow row = caseOf(task);
    boolean vip = ReturnCaseProcess.MemberTier.valueOf(row.memberTier()).isVip();
    return row.returnNo() + " " + row.request().customer().name() + " ¥" + row.amount().toPlainString()
        + (vip ? " " + row.memberTier() : "");
  }

  /**
   * What the case's forms show, read from the case record when a task loads, in words instead of codes (会员等级
   * "VIP 会员 · VIP", not VIP; 类型 "退货退款 · Return and refund", not RETURN_AND_REFUND).
   */
  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    CaseRow row = caseOf(task);
    ReturnRequest request = row.request();
    Map<String, Object> values = new HashMap<>();
    values.put(Vars.RETURN_NO, row.returnNo());
    values.put(Vars.CUSTOMER_NAME, request.customer().name());
    values.put(Vars.CUSTOMER_PHONE, request.customer().phone());
    values.put(Vars.CUSTOMER_PROVINCE, request.customer().province());
    values.put(Vars.MEMBER_TIER, ReturnLabels.of(ReturnLabels.TIERS, row.memberTier()));
    values.put(Vars.TYPE, ReturnLabels.of(ReturnLabels.TYPES, row.type()));
    values.put(Vars.REASON, ReturnLabels.of(ReturnLabels.REASONS, row.reason()));
    values.put(Vars.AMOUNT, "¥" + row.amount().toPlainString());
    values.put(Vars.ITEMS_SUMMARY, itemsSummary(request));
    values.put(Vars.DAYS_SINCE_DELIVERY, ReturnCases.daysSinceDelivery(request.deliveredAt(), java.time.Instant.now()));
    if (row.policyOutcome() != null) {
      values.put(Vars.POLICY_OUTCOME, ReturnLabels.of(ReturnLabels.OUTCOMES, row.policyOutcome()));
    }
    if (row.progress().assignmentReason() != null) {
      values.put(Vars.ASSIGNMENT_REASON, ReturnLabels.of(ReturnLabels.ASSIGNMENTS, row.progress().assignmentReason()));
    }
    if (row.progress().courier() != null) {
      values.put(Vars.COURIER, row.progress().courier());
      values.put(Vars.WAYBILL_NO, row.progress().waybillNo());
    }
    if (row.progress().inspectionNote() != null) {
      values.put(Vars.INSPECTION_NOTE, row.progress().inspectionNote());
    }
    if (row.assignee() != null) {
      values.put(Vars.ASSIGNEE, row.assignee() + " · " + staff.find(row.assignee()).map(p -> p.name()).orElse(""));
    }
    return values;
  }

  /** "1 × 纯棉T恤（服装 · Apparel，TS-01）¥299.00；…": one line a person reads. */
  String itemsSummary(ReturnRequest request) {
    return String.join("；", request.items().stream()
        .map(i -> i.quantity() + " × " + i.name() + "（" + categories.label(i.category()) + "，" + i.sku() + "）¥"
            + i.unitPrice().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
        .toList());
  }

  @Override
  public String processKey() {
    return ReturnCaseProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return FIELDS.getOrDefault(task.taskKey(), Set.of());
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    String group = groupOf(task.taskKey());
    if (assignee == null && AGENT_TASKS.contains(task.taskKey())) {
      throw Refusal.forbidden("客服的任务不能退回，请转交给另一位售后客服 · An agent's task cannot be unclaimed: hand it "
          + "over to another after-sales agent");
    }
    if (assignee != null && !staff.isMember(assignee, group)) {
      throw Refusal.forbidden("这项任务只能交给" + label(group) + " · This task can only go to a member of " + group);
    }
    if (actor.isPerson() && !actor.isAdmin() && !actor.in(Groups.SUPERVISORS)) {
      if (task.assignee() == null && !actor.userId().equals(assignee)) {
        throw Refusal.forbidden("只能为自己认领任务 · You can only claim a task for yourself");
      }
      if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
        throw Refusal.forbidden("只有任务的处理人或主管可以转交或退回任务 · Only the task's assignee or a supervisor may "
            + "hand it over or unclaim it");
      }
    }
    if (assignee != null && AGENT_TASKS.contains(task.taskKey())) {
      cases.handedOver(caseOf(task), assignee, actor.isPerson() ? actor.userId() : "system",
          AgentAssignment.Reason.HANDED_OVER);
    }
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    if (actor.isPerson() && !actor.isAdmin()) {
      if (task.assignee() == null) {
        throw Refusal.forbidden("请先认领任务，再办理 · Claim the task before you complete it");
      }
      if (!actor.userId().equals(task.assignee()) && !actor.in(Groups.SUPERVISORS)) {
        throw Refusal.forbidden("只有任务的处理人或主管可以办理 · Only the task's assignee or a supervisor may complete it");
      }
    }
    CaseRow row = caseOf(task);
    String returnNo = row.returnNo();
    String who = actor.isPerson() ? actor.userId() : task.assignee() != null ? task.assignee() : "system";
    Map<String, Object> out = new HashMap<>();
    String summary = "";
    FormValues form = new FormValues(values);
    switch (task.taskKey()) {
      case Elements.TASK_REVIEW -> {
        boolean approved = form.yesNo(Vars.APPROVED);
        String note = form.text(Vars.DECISION_NOTE, 2000, !approved,
            "拒绝时必须写明原因（客户会收到） · required when the request is not approved: the customer reads it");
        String approvalNote = form.text(Vars.APPROVAL_NOTE, 2000, false, null);
        note = note != null ? note : approvalNote;
        cases.reviewed(returnNo, approved, note);
        out.put(Vars.APPROVED, approved);
        summary = ": approved=" + approved + (note == null ? "" : ": " + note); // the note: the timeline keeps it
      }
      case Elements.TASK_INSPECT -> {
        boolean passed = form.yesNo(Vars.INSPECTION_PASSED);
        String note = form.text(Vars.INSPECTION_NOTE, 2000, !passed,
            "验货不通过时必须写明问题 · required when the inspection fails: say what is wrong");
        cases.inspected(returnNo, passed, note);
        out.put(Vars.INSPECTION_PASSED, passed);
        summary = ": passed=" + passed + (note == null ? "" : ": " + note);
      }
      case Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION -> {
        boolean partial = form.yesNo(Vars.PARTIAL_REFUND);
        String note = form.text(Vars.DECISION_NOTE, 2000, true, "必填：说明处理结果（客户会收到） · required: the "
            + "customer reads it");
        BigDecimal amount = null;
        if (partial) {
          amount = form.money(Vars.REFUND_AMOUNT, row.amount());
        }
        cases.decidedAfterFailedInspection(returnNo, partial, amount, note);
        out.put(Vars.PARTIAL_REFUND, partial);
        summary = ": partialRefund=" + partial + (amount == null ? "" : " " + amount.toPlainString()) + ": " + note;
      }
      case Elements.TASK_SHIP_REPLACEMENT -> {
        String courier = form.text(Vars.REPLACEMENT_COURIER, 32, true, "必填：快递公司 · required: the courier");
        String waybill = form.text(Vars.REPLACEMENT_WAYBILL_NO, 64, true, "必填：运单号 · required: the waybill number");
        cases.replacementShipped(returnNo, courier, waybill);
        summary = ": " + courier + " " + waybill;
      }
      case Elements.TASK_FOLLOW_UP_CALL -> {
        boolean satisfied = form.yesNo(Vars.SATISFIED);
        String note = form.text(Vars.NOTE, 2000, true, "必填：回访记录 · required: what the customer said");
        summary = ": satisfied=" + satisfied + ": " + note;
      }
      case Elements.TASK_HANDLE_OVERDUE_REVIEW, Elements.TASK_HANDLE_OVERDUE_INSPECTION -> {
        form.text(Vars.ESCALATION_NOTE, 2000, true, "必填：处理说明 · required: what you did about it");
        String to = form.text(Vars.REASSIGN_TO, 64, false, null);
        if (to != null) {
          if (!staff.isMember(to, Groups.AFTER_SALES)) {
            throw Refusal.invalid(Vars.REASSIGN_TO, to + " 不是售后客服 · " + to + " is not an after-sales agent");
          }
          cases.reassign(returnNo, to, who);
        }
      }
      default -> { }
    }
    cases.event(returnNo, who, "TASK_COMPLETED", task.taskKey() + summary);
    return out;
  }

  private CaseRow caseOf(TaskFacts task) {
    return cases.caseOf(task.businessKey(), task.processInstanceId());
  }

  private static String groupOf(String taskKey) {
    if (AGENT_TASKS.contains(taskKey)) {
      return Groups.AFTER_SALES;
    }
    if (WAREHOUSE_TASKS.contains(taskKey)) {
      return Groups.WAREHOUSE;
    }
    return Groups.SUPERVISORS;
  }

  private static String label(String group) {
    return switch (group) {
      case Groups.AFTER_SALES -> "售后客服";
      case Groups.WAREHOUSE -> "仓库人员";
      default -> "主管";
    };
  }
}
