package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the REJECTED notice from any process: task `Task_SendRejectedNotice` with
 * `camunda:delegateExpression="${sendRejectedNoticeDelegate}"`.
 */
@Component("sendRejectedNoticeDelegate")
class SendRejectedNoticeDelegate extends NoticeDelegate {
  SendRejectedNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.REJECTED);
  }
}
