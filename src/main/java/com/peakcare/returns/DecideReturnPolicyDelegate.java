package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The business rule task: evaluates the business's return policy (processes/return-policy.dmn) on the case record's
 * facts and keeps its outputs as process variables, which the gateways and forms read.
 */
@Component
class DecideReturnPolicyDelegate implements JavaDelegate {

  private final DecisionService decisionService;
  private final ReturnCases cases;
  private final ReturnCategories categories;

  DecideReturnPolicyDelegate(DecisionService decisionService, ReturnCases cases, ReturnCategories categories) {
    this.decisionService = decisionService;
    this.cases = cases;
    this.categories = categories;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRow row = cases.caseOf(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    ReturnRequest request = row.request();
    Map<String, Object> inputs = Map.of(
        Vars.TYPE, row.type(),
        Vars.REASON, row.reason(),
        Vars.DAYS_SINCE_DELIVERY, ReturnCases.daysSinceDelivery(request.deliveredAt(), Instant.now()),
        Vars.AMOUNT, row.amount().doubleValue(),
        Vars.MEMBER_TIER, row.memberTier(),
        Vars.ITEM_CATEGORY, categories.policyCategory(request),
        "noReasonReturn", categories.find(categories.policyCategory(request))
            .map(ReturnCategories.Category::noReasonReturn).orElse(false));
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(ReturnCaseProcess.POLICY_DECISION)
        .variables(inputs).evaluate().getSingleResult();
    String outcome = result.getEntry("outcome");
    Integer reviewSla = number(result.getEntry("reviewSlaHours"));
    Integer promiseHours = number(result.getEntry("refundPromiseHours"));
    String rejectionCode = (String) result.getEntryMap().get("rejectionCode");
    execution.setVariable(Vars.POLICY_OUTCOME, outcome);
    execution.setVariable(Vars.REVIEW_SLA_HOURS, reviewSla);
    execution.setVariable(Vars.REFUND_PROMISE_HOURS, promiseHours);
    execution.setVariable(Vars.REJECTION_CODE, rejectionCode);
    execution.setVariable(Vars.REJECTION_REASON, rejectionCode == null ? null
        : RejectionReasons.text(rejectionCode, request.customer().locale()));
    cases.policyDecided(row.returnNo(), outcome, rejectionCode == null
        ? outcome + " (review within " + reviewSla + " h, refund within " + promiseHours + " h)"
        : outcome + " " + rejectionCode);
  }

  private static Integer number(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
