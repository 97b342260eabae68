package com.peakcare.returns;

import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeFacts;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The notices of a return case say what its record says (issue 15): the customer as registered, the refund's amount
 * and destination, why it was rejected, where its parcel or replacement travels. Nothing is read from process
 * variables, so a variable written by hand changes no notice.
 */
@Component
class ReturnNoticeFacts implements NoticeFacts {

  private final ReturnCaseRepository repository;

  ReturnNoticeFacts(ReturnCaseRepository repository) {
    this.repository = repository;
  }

  @Override
  public Optional<Facts> of(String caseRef) {
    return repository.find(caseRef).map(ReturnNoticeFacts::facts);
  }

  static Facts facts(CaseRow row) {
    ReturnRequest.Customer c = row.request().customer();
    Map<String, Object> values = new HashMap<>();
    values.put(NoticeVariables.ORDER_NO, row.orderNo());
    values.put(NoticeVariables.AMOUNT, row.refund().amount() != null ? row.refund().amount() : row.amount());
    if (row.refund().refundTo() != null) {
      values.put(NoticeVariables.REFUND_TO, destination(row.refund().refundTo(), c.locale()));
    }
    putIfSet(values, NoticeVariables.REJECTION_REASON, row.progress().rejectionReason());
    putIfSet(values, NoticeVariables.COURIER, row.progress().courier());
    putIfSet(values, NoticeVariables.WAYBILL_NO, row.progress().waybillNo());
    // the record keeps one shipment: the customer's parcel, then the replacement once the warehouse ships it
    putIfSet(values, NoticeVariables.REPLACEMENT_COURIER, row.progress().courier());
    putIfSet(values, NoticeVariables.REPLACEMENT_WAYBILL_NO, row.progress().waybillNo());
    return new Facts(customer(c), values);
  }

  /** The customer as the case registered them, as notices address them. */
  static NoticeCustomer customer(ReturnRequest.Customer c) {
    return new NoticeCustomer(c.name(), c.phone(), c.email(), c.locale(), c.province());
  }

  /** Where the money goes, in the customer's words: 原路退回 is "back the way it was paid". */
  static String destination(String refundTo, String locale) {
    boolean english = locale != null && locale.toLowerCase().startsWith("en");
    if ("ORIGINAL_PAYMENT".equals(refundTo)) {
      return english ? "your original payment method" : "您的原支付账户";
    }
    return refundTo;
  }

  private static void putIfSet(Map<String, Object> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
