package com.peakcare.notice;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The notice tests' own cases: a feature's records as {@link NoticeFacts} sees them, without a return case behind
 * them, so that refund care and the notice step are tested on their own. (Scanned into every test application; it
 * answers only for the case references a test registered.)
 */
@Component
public class ShopCases implements NoticeFacts {

  private final Map<String, Facts> cases = new ConcurrentHashMap<>();

  /** A case of this customer whose refund is {@code amount} to {@code refundTo}. */
  public void add(String caseRef, NoticeCustomer customer, BigDecimal amount, String refundTo) {
    Map<String, Object> values = new HashMap<>();
    values.put(NoticeVariables.ORDER_NO, "O-" + caseRef);
    if (amount != null) {
      values.put(NoticeVariables.AMOUNT, amount);
    }
    if (refundTo != null) {
      values.put(NoticeVariables.REFUND_TO, refundTo);
    }
    add(caseRef, customer, values);
  }

  /** A case of this customer with these notice values. */
  public void add(String caseRef, NoticeCustomer customer, Map<String, Object> values) {
    cases.put(caseRef, new Facts(customer, Map.copyOf(values)));
  }

  @Override
  public Optional<Facts> of(String caseRef) {
    return Optional.ofNullable(cases.get(caseRef));
  }
}
