package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 指派: gives the case to one named agent and sets the review's due date from the policy's SLA. */
@Component
class AssignAgentDelegate implements JavaDelegate {

  private final AgentAssignment assignment;
  private final CaseSteps cases;

  AssignAgentDelegate(AgentAssignment assignment, CaseSteps cases) {
    this.assignment = assignment;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReturnCaseRepository.CaseRow row = cases.caseOf(execution.getProcessBusinessKey(),
        execution.getProcessInstanceId());
    String returnNo = row.returnNo();
    AgentAssignment.Choice choice = assignment.choose(returnNo, row.request().assignee(), row.customerKey(),
        row.openedBy());
    Object sla = execution.getVariable(Vars.REVIEW_SLA_HOURS);
    int hours = sla == null ? 24 : Math.max(1, ((Number) sla).intValue());
    execution.setVariable(Vars.REVIEW_DUE, Date.from(Instant.now().plus(hours, ChronoUnit.HOURS)));
    cases.assigned(returnNo, choice.agent(), choice.reason(), choice.detail());
  }
}
