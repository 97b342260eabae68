package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the REFUND_CARE notice from any process: task `Task_SendRefundCareNotice` with
 * `camunda:delegateExpression="${sendRefundCareNoticeDelegate}"`.
 */
@Component("sendRefundCareNoticeDelegate")
class SendRefundCareNoticeDelegate extends NoticeDelegate {
  SendRefundCareNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.REFUND_CARE);
  }
}
