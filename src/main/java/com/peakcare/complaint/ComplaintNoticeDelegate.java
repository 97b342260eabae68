package com.peakcare.complaint;

import com.peakcare.notice.NoticeType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The notice step of complaint.bpmn: {@code camunda:delegateExpression="${complaintNoticeDelegate}"} with the input
 * parameter {@code noticeType}. The complaint is the business key; the notice says what its record says.
 */
@Component("complaintNoticeDelegate")
class ComplaintNoticeDelegate implements JavaDelegate {

  private final ComplaintNoticeFacts notices;

  ComplaintNoticeDelegate(ComplaintNoticeFacts notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notices.send(execution.getProcessBusinessKey(), NoticeType.ofStep(execution));
  }
}
