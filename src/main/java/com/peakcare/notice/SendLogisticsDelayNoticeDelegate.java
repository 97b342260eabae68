package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the LOGISTICS_DELAY notice from any process: task `Task_SendLogisticsDelayNotice` with
 * `camunda:delegateExpression="${sendLogisticsDelayNoticeDelegate}"`.
 */
@Component("sendLogisticsDelayNoticeDelegate")
class SendLogisticsDelayNoticeDelegate extends NoticeDelegate {
  SendLogisticsDelayNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.LOGISTICS_DELAY);
  }
}
