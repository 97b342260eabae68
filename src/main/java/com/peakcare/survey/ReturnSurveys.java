package com.peakcare.survey;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.identity.StaffProfile;
import com.peakcare.returns.ReturnCaseView;
import com.peakcare.returns.ReturnCases;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who a return case's 回访 is about, from PeakCare's records (the model's {@code ${returnSurveys.…}}): the case's
 * agent, when a person of after-sales worked one of its tasks; no survey for a case nobody worked (auto-approved,
 * only the shop's system) or that the agent opened for themselves; the recovery task goes to the agent's superior.
 */
@Component("returnSurveys")
public class ReturnSurveys {

  private final ReturnCases returns;
  private final HistoryService history;
  private final StaffDirectory staff;

  ReturnSurveys(ReturnCases returns, HistoryService history, StaffDirectory staff) {
    this.returns = returns;
    this.history = history;
    this.staff = staff;
  }

  /** Whether the closed case gets a survey: an agent worked it, and not their own case. */
  public boolean wanted(DelegateExecution execution) {
    return workedBy(execution.getProcessBusinessKey()).isPresent();
  }

  public String workedBy(DelegateExecution execution) {
    return workedBy(execution.getProcessBusinessKey()).orElse(null);
  }

  /** The agent's superior (staff directory); the agent when the directory names none. */
  public String superiorOf(DelegateExecution execution) {
    String agent = workedBy(execution.getProcessBusinessKey()).orElseThrow(() -> new IllegalStateException(
        "return " + execution.getProcessBusinessKey() + ": a recovery task without a worked case"));
    return staff.find(agent).map(StaffProfile::superior).filter(s -> !s.isBlank() && staff.exists(s)).orElse(agent);
  }

  Optional<String> workedBy(String returnNo) {
    ReturnCaseView view = returns.view(returnNo);
    String agent = view.assignee();
    if (agent == null || agent.equals(view.openedBy()) || !staff.isMember(agent, Groups.AFTER_SALES)) {
      return Optional.empty();
    }
    boolean worked = history.createHistoricTaskInstanceQuery().processDefinitionKey(
        ReturnSurveyProcess.RETURN_PROCESS_KEY).processInstanceBusinessKey(returnNo).taskAssignee(agent).finished()
        .count() > 0;
    return worked ? Optional.of(agent) : Optional.empty();
  }

  String summary(String returnNo) {
    ReturnCaseView view = returns.view(returnNo);
    return "退货 · Return " + view.returnNo() + "，订单 · order " + view.orderNo() + "，" + view.type() + " / "
        + view.reason() + "，客服 · agent " + view.assignee();
  }
}
