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
    Object type = execution.getVariableLocal(NoticeType.INPUT);
    if (type == null) {
      throw new IllegalStateException("step " + execution.getCurrentActivityId() + " has no input parameter "
          + NoticeType.INPUT + ": say which notice it sends");
    }
    notices.send(execution.getProcessBusinessKey(), NoticeType.valueOf(type.toString()));
  }
}
