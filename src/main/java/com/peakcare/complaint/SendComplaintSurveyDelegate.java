package com.peakcare.complaint;

import com.peakcare.survey.CaseKind;
import com.peakcare.survey.CaseSurveys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 回访 · The satisfaction survey of a closed complaint, through survey's public service: the model calls complaint's
 * own bean, not survey's delegate (a model may call another package's public API only, ProcessBeanEdgesTest). The one
 * who worked it is the complaint's handler as complaint's records say, not a variable; whom the survey addresses is
 * the complaint's customer, handed to survey (which never asks complaint back).
 */
@Component
class SendComplaintSurveyDelegate implements JavaDelegate {

  private final CaseSurveys surveys;
  private final ComplaintPeople people;
  private final ComplaintNoticeFacts facts;

  SendComplaintSurveyDelegate(CaseSurveys surveys, ComplaintPeople people, ComplaintNoticeFacts facts) {
    this.surveys = surveys;
    this.people = people;
    this.facts = facts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String complaintNo = execution.getProcessBusinessKey();
    ComplaintNoticeFacts.Facts found = facts.of(complaintNo)
        .orElseThrow(() -> new IllegalStateException("survey: no complaint " + complaintNo));
    surveys.send(CaseKind.COMPLAINT, complaintNo, people.handlerOf(execution), found.customer(), found.values());
  }
}
