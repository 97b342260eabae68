package com.peakcare.notice;

import org.springframework.stereotype.Component;

/**
 * Sends the RETURN_INSTRUCTIONS notice from any process: task `Task_SendReturnInstructionsNotice` with
 * `camunda:delegateExpression="${sendReturnInstructionsNoticeDelegate}"`.
 */
@Component("sendReturnInstructionsNoticeDelegate")
class SendReturnInstructionsNoticeDelegate extends NoticeDelegate {
  SendReturnInstructionsNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.RETURN_INSTRUCTIONS);
  }
}
