package com.peakcare.notice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The one notice step of every process: {@code camunda:delegateExpression="${sendNoticeDelegate}"} with the input
 * parameter {@code noticeType} (a {@link NoticeType} name). The case is the process's business key; the customer and
 * every value come from the records of the feature that owns the case ({@link NoticeFacts}) and, for the refund
 * notices, from the refund promise ({@link RefundCare}): nothing from process variables. The notice is recorded in
 * the step's own transaction, so a step that fails and is retried records it once.
 */
@Component("sendNoticeDelegate")
public class SendNoticeDelegate implements JavaDelegate {

  private final NoticeService notices;
  private final List<NoticeFacts> facts;
  private final RefundCare refundCare;

  SendNoticeDelegate(NoticeService notices, List<NoticeFacts> facts, RefundCare refundCare) {
    this.notices = notices;
    this.facts = facts;
    this.refundCare = refundCare;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object type = execution.getVariableLocal(NoticeType.INPUT);
    if (type == null) {
      throw new IllegalStateException("step " + execution.getCurrentActivityId() + " has no input parameter "
          + NoticeType.INPUT + ": say which notice it sends");
    }
    send(execution.getProcessBusinessKey(), NoticeType.valueOf(type.toString()));
  }

  /** Sends {@code type} about the case {@code caseRef}, filled from the case's records. */
  public Notice send(String caseRef, NoticeType type) {
    if (caseRef == null || caseRef.isBlank()) {
      throw new IllegalStateException("notice " + type + ": the process has no business key (the case reference)");
    }
    NoticeFacts.Facts found = NoticeFacts.find(facts, caseRef)
        .orElseThrow(() -> new IllegalStateException("notice " + type + ": no feature knows case " + caseRef));
    Map<String, Object> values = new HashMap<>(found.values());
    values.put(NoticeVariables.RETURN_NO, caseRef);
    // the promise's times only for the types that say them (a template may use nothing else)
    if (type.required().contains(NoticeVariables.NEW_PROMISED_BY)) {
      values.put(NoticeVariables.NEW_PROMISED_BY, refundCare.renew(caseRef)); // made once, when first sent
    } else if (type.required().contains(NoticeVariables.PROMISED_BY)) {
      refundCare.promiseOf(caseRef).ifPresent(p -> values.put(NoticeVariables.PROMISED_BY, p.promisedBy()));
    }
    return notices.send(caseRef, type, found.customer(), values);
  }
}
