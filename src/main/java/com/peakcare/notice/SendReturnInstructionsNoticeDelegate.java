package com.peakcare.notice;

import org.springframework.stereotype.Component;

/** Sends the RETURN_INSTRUCTIONS notice: any process's task `Task_SendReturnInstructionsNotice` with `camunda:delegateExpression="${sendReturnInstructionsNoticeDelegate}"`. */
@Component("sendReturnInstructionsNoticeDelegate")
class SendReturnInstructionsNoticeDelegate extends NoticeDelegate {
  SendReturnInstructionsNoticeDelegate(NoticeService notices) {
    super(notices, NoticeType.RETURN_INSTRUCTIONS);
  }
}
