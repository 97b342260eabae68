package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Policy;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The business rule task: evaluates the business's return policy (processes/return-policy.dmn) on the case record's
 * facts: the outcome is the process variable its gateways route on; the SLA hours are transient (the next steps of
 * the same transaction read them); a rejection's reason goes to the record.
 */
@Component
class DecideReturnPolicyDelegate implements JavaDelegate {

  /** The review SLA of a case the policy would have approved at once, had staff not opened it. */
  static final int STAFF_OPENED_REVIEW_HOURS = 24;

  private final DecisionService decisionService;
  private final CaseSteps cases;
  private final ReturnCategories categories;
  private final ReturnNoticeFacts facts;

  DecideReturnPolicyDelegate(DecisionService decisionService, CaseSteps cases, ReturnCategories categories,
      ReturnNoticeFacts facts) {
    this.facts = facts;
    this.decisionService = decisionService;
    this.cases = cases;
    this.categories = categories;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRow row = cases.caseOf(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    ReturnRequest request = row.request();
    String category = categories.policyCategory(row.facts());
    Map<String, Object> inputs = Map.of(
        Vars.TYPE, row.type(),
        Vars.REASON, row.reason(),
        Vars.DAYS_SINCE_DELIVERY, CaseSteps.daysSinceDelivery(request.deliveredAt(), Instant.now()),
        Vars.AMOUNT, row.amount(), // BigDecimal; the table's input type (double) is the DMN engine's to apply
        Vars.MEMBER_TIER, row.memberTier(),
        Vars.ITEM_CATEGORY, category,
        Policy.NO_REASON_RETURN,
        categories.find(category).map(ReturnCategories.Category::noReasonReturn).orElse(false));
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(ReturnCaseProcess.POLICY_DECISION)
        .variables(inputs).evaluate().getSingleResult();
    String outcome = result.getEntry(Policy.OUTCOME);
    Integer reviewSla = number(result.getEntry(Policy.REVIEW_SLA_HOURS));
    Integer promiseHours = number(result.getEntry(Policy.REFUND_PROMISE_HOURS));
    String rejectionCode = (String) result.getEntryMap().get(Policy.REJECTION_CODE);
    String locale = rejectionCode == null ? null
        : facts.of(row.returnNo()).map(f -> f.customer().locale()).orElse(null);
    // a case staff opened is reviewed by a colleague whatever the policy says (maker ≠ checker)
    String routed = cases.policyDecided(row, outcome, rejectionCode == null ? null
        : RejectionReasons.text(rejectionCode, locale), rejectionCode == null
        ? outcome + " (review within " + reviewSla + " h, refund within " + promiseHours + " h)"
        : outcome + " " + rejectionCode);
    if (!routed.equals(outcome) && (reviewSla == null || reviewSla <= 0)) {
      reviewSla = STAFF_OPENED_REVIEW_HOURS; // the policy gave none: it meant to approve at once
    }
    execution.setVariable(Vars.POLICY_OUTCOME, routed);
    // the next steps of this transaction (refund promise, agent assignment) read these; they are never stored
    execution.setVariable(Vars.REVIEW_SLA_HOURS, Variables.integerValue(reviewSla, true));
    execution.setVariable(Vars.REFUND_PROMISE_HOURS, Variables.integerValue(promiseHours, true));
  }

  private static Integer number(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
