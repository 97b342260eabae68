package com.peakcare.notice;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sends the REFUND_DELAYED notice (Task_SendRefundDelayedNotice): an apology and a new time, the missed promise
 * plus {@code peakcare.notice.refund-care.delay-extension} (at the earliest that much from now), kept as
 * {@code newPromisedBy}.
 */
@Component("sendRefundDelayedNoticeDelegate")
class SendRefundDelayedNoticeDelegate extends NoticeDelegate {

  private final NoticeProperties properties;

  SendRefundDelayedNoticeDelegate(NoticeService notices, NoticeProperties properties) {
    super(notices, NoticeType.REFUND_DELAYED);
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable(NoticeVariables.NEW_PROMISED_BY) == null) {
      Date promisedBy = (Date) execution.getVariable(NoticeVariables.PROMISED_BY);
      Instant now = Instant.now();
      Instant from = promisedBy == null || promisedBy.toInstant().isBefore(now) ? now : promisedBy.toInstant();
      execution.setVariable(NoticeVariables.NEW_PROMISED_BY,
          Date.from(from.plus(properties.getRefundCare().getDelayExtension())));
    }
    super.execute(execution);
  }
}
