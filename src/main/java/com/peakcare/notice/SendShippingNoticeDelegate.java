package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the SHIPPING notice from any process: task `Task_SendShippingNotice` with
 * `camunda:delegateExpression="${sendShippingNoticeDelegate}"`.
 */
@Component("sendShippingNoticeDelegate")
class SendShippingNoticeDelegate extends NoticeDelegate {
  SendShippingNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.SHIPPING);
  }
}
