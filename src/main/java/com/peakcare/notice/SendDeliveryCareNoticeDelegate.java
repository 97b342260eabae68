package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the DELIVERY_CARE notice from any process: task `Task_SendDeliveryCareNotice` with
 * `camunda:delegateExpression="${sendDeliveryCareNoticeDelegate}"`.
 */
@Component("sendDeliveryCareNoticeDelegate")
class SendDeliveryCareNoticeDelegate extends NoticeDelegate {
  SendDeliveryCareNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.DELIVERY_CARE);
  }
}
