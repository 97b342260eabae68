package com.peakcare.returns;

import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A return case's notices (issue 23 item 4: data flows one way): returns reads its own records (the case, its order,
 * the refund promise) and hands notice's outbox what the notice says ({@link NoticeService#send}). Nothing is read
 * from process variables; notice never asks returns back. The steps of return-case.bpmn and refund-care.bpmn call
 * this through {@code ${returnNoticeDelegate}}.
 */
@Service
public class ReturnNotices {

  private final NoticeService notices;
  private final ReturnNoticeFacts facts;
  private final RefundCare refundCare;

  ReturnNotices(NoticeService notices, ReturnNoticeFacts facts, RefundCare refundCare) {
    this.notices = notices;
    this.facts = facts;
    this.refundCare = refundCare;
  }

  /** Whether {@code caseRef} is a return case (returns knows its record). */
  public boolean knows(String caseRef) {
    return caseRef != null && facts.of(caseRef).isPresent();
  }

  /** The case's customer as its order's contact says, and the values its notices are filled from. */
  public Optional<CaseNotice> of(String returnNo) {
    return facts.of(returnNo).map(f -> new CaseNotice(f.customer(), Map.copyOf(f.values())));
  }

  /** What a return case's notice says: to whom, and its values by the names of {@link NoticeVariables}. */
  public record CaseNotice(NoticeCustomer customer, Map<String, Object> values) {}

  /**
   * Sends {@code type} about the return case {@code returnNo}, filled from the case's records and, for the refund
   * notices, from its refund promise; recorded in the caller's transaction (a retried step records it once).
   */
  public Notice send(String returnNo, NoticeType type) {
    if (returnNo == null || returnNo.isBlank()) {
      throw new IllegalStateException("notice " + type + ": the process has no business key (the return number)");
    }
    ReturnNoticeFacts.Facts found = facts.of(returnNo)
        .orElseThrow(() -> new IllegalStateException("notice " + type + ": no return case " + returnNo));
    Map<String, Object> values = new HashMap<>(found.values());
    values.put(NoticeVariables.RETURN_NO, returnNo);
    // the promise's times only for the types that say them (a template may use nothing else)
    if (type.required().contains(NoticeVariables.NEW_PROMISED_BY)) {
      values.put(NoticeVariables.NEW_PROMISED_BY, refundCare.renew(returnNo)); // made once, when first sent
    } else if (type.required().contains(NoticeVariables.PROMISED_BY)) {
      refundCare.promiseOf(returnNo).ifPresent(p -> values.put(NoticeVariables.PROMISED_BY, p.promisedBy()));
    }
    return notices.send(returnNo, type, found.customer(), values);
  }
}
