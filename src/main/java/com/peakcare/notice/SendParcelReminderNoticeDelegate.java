package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the PARCEL_REMINDER notice from any process: task `Task_SendParcelReminderNotice` with
 * `camunda:delegateExpression="${sendParcelReminderNoticeDelegate}"`.
 */
@Component("sendParcelReminderNoticeDelegate")
class SendParcelReminderNoticeDelegate extends NoticeDelegate {
  SendParcelReminderNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.PARCEL_REMINDER);
  }
}
