package com.peakcare.returns;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.EngineGate;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import com.peakcare.retention.PersonalData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who works on a return case's tasks, and with what (applied by the engine gate on every path: Tasklist,
 * {@code /engine-rest}, the webapps' API, Java):
 * <ul>
 *   <li>whoever opened the case works on none of its tasks: not as assignee (claimed, handed over, re-assigned), not
 *       completing one (issue 20, maker ≠ checker, administrators included);</li>
 *   <li>the agent's tasks (review, decision after a failed inspection, follow-up call) go only to members of
 *       after-sales; the warehouse's (inspection, replacement) only to warehouse staff; overdue escalations and the
 *       second approval only to after-sales supervisors, the second approval never to anyone who already decided on the
 *       case's money ({@link FourEyes});</li>
 *   <li>a person claims only for themselves; only the task's assignee or an after-sales supervisor hands it over or
 *       unclaims it; an agent's task is handed over, never unclaimed (the case would have no agent);</li>
 *   <li>only the assignee or an after-sales supervisor completes a task, with the fields of its form, checked here
 *       whatever form or client sent them; the decision and who made it are recorded on the case (the refund pays from
 *       the record, not from these values).</li>
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
      Elements.TASK_APPROVE_REFUND, Set.of(Vars.SECOND_APPROVED, Vars.SECOND_APPROVAL_NOTE),
      Elements.TASK_SHIP_REPLACEMENT, Set.of(Vars.REPLACEMENT_COURIER, Vars.REPLACEMENT_WAYBILL_NO),
      Elements.TASK_FOLLOW_UP_CALL, Set.of(Vars.SATISFIED, Vars.NOTE));

  static final String OPENER = "四眼原则：开单人不能处理自己开的单 · Four-eyes: whoever opened a case works on none of its "
      + "tasks";

  private final ReturnCases cases;
  private final CaseSteps steps;
  private final FourEyes fourEyes;
  private final StaffDirectory staff;
  private final ReturnCategories categories;
  private final ReturnNoticeFacts facts;
  private final ObjectProvider<EngineGate> gate;

  ReturnTaskPolicy(ReturnCases cases, CaseSteps steps, FourEyes fourEyes, StaffDirectory staff,
      ReturnCategories categories, ReturnNoticeFacts facts, ObjectProvider<EngineGate> gate) {
    this.gate = gate;
    this.cases = cases;
    this.steps = steps;
    this.fourEyes = fourEyes;
    this.staff = staff;
    this.categories = categories;
    this.facts = facts;
  }

  /** The card's words: return number, customer, amount, and VIP when it is one. */
  @Override
  public String title(TaskFacts task) {
    CaseRow row = caseOf(task);
    boolean vip = com.peakcare.order.MemberTier.valueOf(row.memberTier()).isVip();
    return row.returnNo() + " " + customer(row).name() + " ¥" + row.amount().toPlainString()
        + (vip ? " " + row.memberTier() : "");
  }

  /**
   * What the case's forms show, read from the case record and its order when a task loads, in words instead of codes
   * (会员等级 "VIP 会员 · VIP", not VIP; 类型 "退货退款 · Return and refund", not RETURN_AND_REFUND).
   */
  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    CaseRow row = caseOf(task);
    ReturnRequest request = row.request();
    NoticeCustomer customer = customer(row);
    Map<String, Object> values = new HashMap<>();
    values.put(Vars.RETURN_NO, row.returnNo());
    values.put(Vars.ORDER_NO, row.orderNo());
    values.put(Vars.CUSTOMER_NAME, customer.name());
    values.put(Vars.CUSTOMER_PHONE, callsTheCustomer(task) ? customer.phone() : PersonalData.maskPhone(customer.phone()));
    values.put(Vars.CUSTOMER_PROVINCE, customer.province());
    values.put(Vars.MEMBER_TIER, ReturnLabels.of(ReturnLabels.TIERS, row.memberTier()));
    values.put(Vars.TYPE, ReturnLabels.of(ReturnLabels.TYPES, row.type()));
    values.put(Vars.REASON, ReturnLabels.of(ReturnLabels.REASONS, row.reason()));
    values.put(Vars.AMOUNT, "¥" + row.amount().toPlainString());
    values.put(Vars.ITEMS_SUMMARY, itemsSummary(row.facts()));
    values.put(Vars.DAYS_SINCE_DELIVERY, CaseSteps.daysSinceDelivery(request.deliveredAt(), java.time.Instant.now()));
    if (row.refund().amount() != null) {
      values.put(Vars.REFUND_AMOUNT_SHOWN, "¥" + row.refund().amount().toPlainString());
      values.put(Vars.REFUND_TO, ReturnNoticeFacts.destination(row.refund().refundTo(), "zh-CN", null) + " · "
          + row.refund().refundTo());
    }
    values.put(Vars.DECIDERS, deciders(row));
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

  /**
   * Whether whoever loads this form needs the customer's whole phone number (issue 27): only the follow-up call, and
   * only for the agent it is assigned to. Everyone else (the reviewer, the warehouse, a supervisor looking on, a
   * colleague) sees it masked, 138****1111.
   */
  private boolean callsTheCustomer(TaskFacts task) {
    if (!Elements.TASK_FOLLOW_UP_CALL.equals(task.taskKey()) || task.assignee() == null) {
      return false;
    }
    Actor actor = gate.getObject().actor();
    return actor.isPerson() && task.assignee().equals(actor.userId());
  }

  /** "1 × 纯棉T恤（服装 · Apparel，TS-01）¥299.00；…": one line a person reads. */
  String itemsSummary(CaseFacts facts) {
    return String.join("；", facts.items().stream()
        .map(i -> i.quantity() + " × " + i.name() + "（" + categories.label(i.category()) + "，" + i.sku() + "）¥"
            + i.unitPrice().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
        .toList());
  }

  /** "开单 · opened: shop1；审核 · reviewed: agent2；…": everyone who decided on the case so far. */
  private static String deciders(CaseRow row) {
    ReturnCaseRepository.Deciders d = row.deciders();
    StringBuilder s = new StringBuilder("开单 · opened: " + row.openedBy());
    s.append("；审核 · reviewed: ").append(d.reviewedBy() == null ? "—" : d.reviewedBy());
    if (d.inspectedBy() != null) {
      s.append("；验货 · inspected: ").append(d.inspectedBy());
    }
    if (d.decidedBy() != null) {
      s.append("；验货后处理 · decided: ").append(d.decidedBy());
    }
    return s.toString();
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
    CaseRow row = caseOf(task);
    String key = task.taskKey();
    if (assignee == null && AGENT_TASKS.contains(key)) {
      throw Refusal.forbidden("客服的任务不能退回，请转交给另一位售后客服 · An agent's task cannot be unclaimed: hand it "
          + "over to another after-sales agent");
    }
    if (assignee != null) {
      if (assignee.equals(row.openedBy())) {
        throw Refusal.forbidden(OPENER);
      }
      if (ESCALATIONS.contains(key) || Elements.TASK_APPROVE_REFUND.equals(key)) {
        if (!fourEyes.isAfterSalesSupervisor(assignee)) {
          throw Refusal.forbidden("这项任务只能交给售后主管 · This task can only go to an after-sales supervisor");
        }
        String why = Elements.TASK_APPROVE_REFUND.equals(key) ? fourEyes.whyNotSecondApprover(row, assignee) : null;
        if (why != null) {
          throw Refusal.forbidden(why);
        }
      } else if (!staff.isMember(assignee, groupOf(key))) {
        throw Refusal.forbidden("这项任务只能交给" + label(groupOf(key)) + " · This task can only go to a member of "
            + groupOf(key));
      }
    }
    if (actor.isPerson() && !actor.isAdmin() && !fourEyes.isAfterSalesSupervisor(actor.userId())) {
      if (task.assignee() == null && !actor.userId().equals(assignee)) {
        throw Refusal.forbidden("只能为自己认领任务 · You can only claim a task for yourself");
      }
      if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
        throw Refusal.forbidden("只有任务的处理人或售后主管可以转交或退回任务 · Only the task's assignee or an after-sales "
            + "supervisor may hand it over or unclaim it");
      }
    }
    if (assignee != null && AGENT_TASKS.contains(key)) {
      steps.handedOver(row, assignee, actor.isPerson() ? actor.userId() : "system",
          AgentAssignment.Reason.HANDED_OVER);
    }
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    CaseRow row = caseOf(task);
    if (actor.isPerson()) {
      if (actor.userId().equals(row.openedBy())) {
        throw Refusal.forbidden(OPENER);
      }
      if (!actor.isAdmin()) {
        if (task.assignee() == null) {
          throw Refusal.forbidden("请先认领任务，再办理 · Claim the task before you complete it");
        }
        if (!actor.userId().equals(task.assignee()) && !fourEyes.isAfterSalesSupervisor(actor.userId())) {
          throw Refusal.forbidden("只有任务的处理人或售后主管可以办理 · Only the task's assignee or an after-sales supervisor "
              + "may complete it");
        }
      }
    }
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
        steps.reviewed(returnNo, approved, note, who);
        out.put(Vars.APPROVED, approved);
        summary = ": approved=" + approved + (note == null ? "" : ": " + note); // the note: the timeline keeps it
      }
      case Elements.TASK_INSPECT -> {
        boolean passed = form.yesNo(Vars.INSPECTION_PASSED);
        String note = form.text(Vars.INSPECTION_NOTE, 2000, !passed,
            "验货不通过时必须写明问题 · required when the inspection fails: say what is wrong");
        steps.inspected(returnNo, passed, note, who);
        out.put(Vars.INSPECTION_PASSED, passed);
        summary = ": passed=" + passed + (note == null ? "" : ": " + note);
      }
      case Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION -> {
        boolean partial = form.yesNo(Vars.PARTIAL_REFUND);
        String note = form.text(Vars.DECISION_NOTE, 2000, true, "必填：说明处理结果（客户会收到） · required: the "
            + "customer reads it");
        BigDecimal amount = null;
        if (partial) {
          amount = form.money(Vars.REFUND_AMOUNT, row.refund().amount() != null ? row.refund().amount() : row.amount());
        }
        steps.decidedAfterFailedInspection(row, partial, amount, note, who);
        out.put(Vars.PARTIAL_REFUND, partial);
        summary = ": partialRefund=" + partial + (amount == null ? "" : " " + amount.toPlainString()) + ": " + note;
      }
      case Elements.TASK_APPROVE_REFUND -> {
        String why = fourEyes.whyNotSecondApprover(row, who);
        if (why != null) {
          throw Refusal.forbidden(why);
        }
        if (row.deciders().pendingChangeId() != null) {
          throw Refusal.forbidden("退款有一项改动在等另一位售后主管批准：请先处理它，再做二次审批 · A change of this refund waits "
              + "for another after-sales supervisor: decide it first, then approve");
        }
        boolean approved = form.yesNo(Vars.SECOND_APPROVED);
        String note = form.text(Vars.SECOND_APPROVAL_NOTE, 2000, !approved,
            "不批准时必须写明原因（客户会收到） · required when refusing: the customer reads it");
        steps.secondApproved(row, approved, note, who);
        out.put(Vars.SECOND_APPROVED, approved);
        summary = ": secondApproved=" + approved;
      }
      case Elements.TASK_SHIP_REPLACEMENT -> {
        String courier = form.text(Vars.REPLACEMENT_COURIER, 32, true, "必填：快递公司 · required: the courier");
        String waybill = form.text(Vars.REPLACEMENT_WAYBILL_NO, 64, true, "必填：运单号 · required: the waybill number");
        steps.replacementShipped(returnNo, courier, waybill);
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
          if (!fourEyes.isEligibleAgent(to, row.openedBy())) {
            throw Refusal.invalid(Vars.REASSIGN_TO, to + ": " + FourEyes.NOT_ELIGIBLE);
          }
          cases.reassign(returnNo, to, who);
        }
      }
      default -> { }
    }
    steps.event(returnNo, who, "TASK_COMPLETED", task.taskKey() + summary);
    return out;
  }

  private CaseRow caseOf(TaskFacts task) {
    return steps.caseOf(task.businessKey(), task.processInstanceId());
  }

  private NoticeCustomer customer(CaseRow row) {
    return facts.of(row.returnNo()).map(ReturnNoticeFacts.Facts::customer)
        .orElseThrow(() -> new IllegalStateException("return " + row.returnNo() + " has no registered order "
            + row.orderNo()));
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
      default -> "售后主管";
    };
  }
}
