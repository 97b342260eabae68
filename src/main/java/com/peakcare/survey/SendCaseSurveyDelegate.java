package com.peakcare.survey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The 回访 step of a case's process: {@code ${sendCaseSurveyDelegate}} with the input parameters {@value #KIND} (a
 * {@link CaseKind}) and {@value #WORKED_BY} (who worked the case). The case is the business key.
 */
@Component
public class SendCaseSurveyDelegate implements JavaDelegate {

  public static final String KIND = "surveyCaseKind";
  public static final String WORKED_BY = "surveyWorkedBy";

  private final CaseSurveys surveys;

  SendCaseSurveyDelegate(CaseSurveys surveys) {
    this.surveys = surveys;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object kind = execution.getVariableLocal(KIND);
    if (kind == null) {
      throw new IllegalStateException("step " + execution.getCurrentActivityId() + " has no input parameter " + KIND);
    }
    Object by = execution.getVariableLocal(WORKED_BY);
    surveys.send(CaseKind.valueOf(kind.toString()), execution.getProcessBusinessKey(), by == null ? null
        : by.toString());
  }
}
