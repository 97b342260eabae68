package com.peakcare.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_DeliverNotice of notice-delivery.bpmn. */
@Component("deliverNoticeDelegate")
class DeliverNoticeDelegate implements JavaDelegate {

  private final NoticeDispatcher dispatcher;

  DeliverNoticeDelegate(NoticeDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void execute(DelegateExecution execution) {
    dispatcher.deliver(execution.getProcessBusinessKey());
  }
}
