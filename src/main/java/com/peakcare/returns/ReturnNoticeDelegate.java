package com.peakcare.returns;

import com.peakcare.notice.NoticeType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The notice step of return-case.bpmn and refund-care.bpmn: {@code camunda:delegateExpression="${returnNoticeDelegate}"}
 * with the input parameter {@code noticeType} (a {@link NoticeType} name). The case is the process's business key;
 * what the notice says comes from the case's records ({@link ReturnNotices}), nothing from process variables.
 */
@Component("returnNoticeDelegate")
class ReturnNoticeDelegate implements JavaDelegate {

  private final ReturnNotices notices;

  ReturnNoticeDelegate(ReturnNotices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notices.send(execution.getProcessBusinessKey(), NoticeType.ofStep(execution));
  }
}
