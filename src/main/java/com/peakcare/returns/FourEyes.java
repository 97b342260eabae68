package com.peakcare.returns;

import com.peakcare.identity.StaffDirectory;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Maker ≠ checker on a case's money (issue 20), in one place for every door:
 * <ul>
 *   <li>whoever opened a case never works on it: no review, approval, inspection, second approval, and never its
 *       agent (requested, assigned, claimed, handed over, re-assigned);</li>
 *   <li>money and case actions are after-sales supervisors' ({@link StaffDirectory#isSupervisorOf}), not every lead
 *       in {@code supervisors};</li>
 *   <li>a refund above {@code peakcare.returns.second-approval-threshold}, and any refund after a failed inspection,
 *       needs a second approval by an after-sales supervisor who neither opened, reviewed, inspected nor decided the
 *       case, nor asked for a change of its refund;</li>
 *   <li>"no such eligible agent" reads the same whether the user does not exist, is no agent or opened the case.</li>
 * </ul>
 * The BPMN asks it too: {@code ${fourEyes.secondApprovalNeeded(execution)}}, {@code ${fourEyes.secondApprovers(execution)}}.
 */
@Component("fourEyes")
public class FourEyes {

  /** The one answer for an assignee who is unknown, no after-sales agent, or the case's opener. */
  static final String NOT_ELIGIBLE = "不是可以处理此单的售后客服 · not an after-sales agent who may take this case";

  private final StaffDirectory staff;
  private final ReturnCaseRepository cases;
  private final RefundChangeRepository changes;
  private final ReturnSettings settings;

  FourEyes(StaffDirectory staff, ReturnCaseRepository cases, RefundChangeRepository changes, ReturnSettings settings) {
    this.staff = staff;
    this.cases = cases;
    this.changes = changes;
    this.settings = settings;
  }

  /** Whether {@code user} may be the agent of a case {@code openedBy} opened: an after-sales member, not the opener. */
  boolean isEligibleAgent(String user, String openedBy) {
    return user != null && !user.isBlank() && !user.equals(openedBy) && staff.isMember(user, StaffDirectory.AFTER_SALES);
  }

  /** Money and case actions: after-sales supervisors only. */
  boolean isAfterSalesSupervisor(String user) {
    return staff.isSupervisorOf(user, StaffDirectory.AFTER_SALES);
  }

  /** BPMN: the refund of this case needs a second approval before it is paid. */
  public boolean secondApprovalNeeded(DelegateExecution execution) {
    return secondApprovalNeeded(caseOf(execution));
  }

  boolean secondApprovalNeeded(CaseRow row) {
    BigDecimal amount = row.refund().amount();
    return Boolean.TRUE.equals(row.refund().partial())
        || amount != null && amount.compareTo(settings.secondApprovalThreshold()) > 0;
  }

  /** BPMN: the second approval's candidates, every after-sales supervisor who may give it. */
  public List<String> secondApprovers(DelegateExecution execution) {
    CaseRow row = caseOf(execution);
    return staff.supervisorsOf(StaffDirectory.AFTER_SALES).stream().filter(u -> whyNotSecondApprover(row, u) == null)
        .toList();
  }

  /** Null when {@code user} may give this case's second approval, else why not (a sentence, Chinese first). */
  String whyNotSecondApprover(CaseRow row, String user) {
    if (!isAfterSalesSupervisor(user)) {
      return "二次审批由售后主管办理 · The second approval is an after-sales supervisor's";
    }
    Set<String> involved = involved(row);
    if (involved.contains(user)) {
      return "四眼原则：开单、审核、验货或申请改退款的人不能做二次审批 · Four-eyes: whoever opened, reviewed, inspected or "
          + "decided this case, or asked to change its refund, cannot approve it a second time";
    }
    return null;
  }

  /** Everyone who already had a hand in the case's money. */
  Set<String> involved(CaseRow row) {
    Set<String> people = new LinkedHashSet<>();
    ReturnCaseRepository.Deciders d = row.deciders();
    people.add(row.openedBy());
    addIfSet(people, d.reviewedBy());
    addIfSet(people, d.decidedBy());
    if (Boolean.FALSE.equals(row.refund().inspectionPassed())) {
      addIfSet(people, d.inspectedBy());
    }
    people.addAll(changes.requesters(row.returnNo()));
    return people;
  }

  private CaseRow caseOf(DelegateExecution execution) {
    String returnNo = execution.getProcessBusinessKey();
    CaseRow row = returnNo == null ? null : cases.find(returnNo).orElse(null);
    if (row == null || !execution.getProcessInstanceId().equals(row.processInstanceId())) {
      throw new CaseSteps.NotOwed("process " + execution.getProcessInstanceId() + " (business key " + returnNo
          + ") runs no registered return case");
    }
    return row;
  }

  private static void addIfSet(Set<String> people, String user) {
    if (user != null) {
      people.add(user);
    }
  }
}
