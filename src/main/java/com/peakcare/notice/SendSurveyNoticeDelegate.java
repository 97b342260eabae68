package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the SURVEY notice from any process: task `Task_SendSurveyNotice` with
 * `camunda:delegateExpression="${sendSurveyNoticeDelegate}"`.
 */
@Component("sendSurveyNoticeDelegate")
class SendSurveyNoticeDelegate extends NoticeDelegate {
  SendSurveyNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.SURVEY);
  }
}
