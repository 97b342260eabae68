package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the REFUND_DONE notice from any process: task `Task_SendRefundDoneNotice` with
 * `camunda:delegateExpression="${sendRefundDoneNoticeDelegate}"`.
 */
@Component("sendRefundDoneNoticeDelegate")
class SendRefundDoneNoticeDelegate extends NoticeDelegate {
  SendRefundDoneNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.REFUND_DONE);
  }
}
