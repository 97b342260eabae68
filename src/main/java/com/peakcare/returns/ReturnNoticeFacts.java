package com.peakcare.returns;

import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.order.Order;
import com.peakcare.order.Orders;

import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The notices of a return case say what its record says (issue 15), to whom its order says (issue 20): the customer's
 * contact as the shop's system registered it on the order (a corrected phone number reaches the next notice), the
 * refund's amount and destination, why it was rejected, where its parcel or replacement travels. Nothing is read from
 * process variables, so a variable written by hand changes no notice.
 */
@Component
class ReturnNoticeFacts {

  /** One case's customer and its notice values, by the names of {@link NoticeVariables}. */
  record Facts(NoticeCustomer customer, Map<String, Object> values) {}

  private final ReturnCaseRepository repository;
  private final Orders orders;

  ReturnNoticeFacts(ReturnCaseRepository repository, Orders orders) {
    this.repository = repository;
    this.orders = orders;
  }

  /**
   * The customer and the notice values of this return case; empty when there is no such case (or its order). The
   * order is read once per transaction ({@link LoadedCases#order}): an open's notice and its review task's card say
   * the contact of the order the case was checked against, without reading it twice more.
   */
  Optional<Facts> of(String caseRef) {
    return repository.find(caseRef).flatMap(row -> LoadedCases.order(row.orderNo(), orders::find)
        .map(order -> facts(row, order)));
  }

  static Facts facts(CaseRow row, Order order) {
    NoticeCustomer customer = customer(order);
    Map<String, Object> values = new HashMap<>();
    values.put(NoticeVariables.ORDER_NO, row.orderNo());
    values.put(NoticeVariables.AMOUNT, row.refund().amount() != null ? row.refund().amount() : row.amount());
    if (row.refund().refundTo() != null) {
      boolean english = NoticeCustomer.EN.equals(customer.noticeLocale());
      values.put(NoticeVariables.REFUND_TO, destination(row.refund().refundTo(), customer.locale(),
          order.paymentMethod() == null ? null : order.paymentMethod().label(english)));
    }
    putIfSet(values, NoticeVariables.REJECTION_REASON, row.progress().rejectionReason());
    putIfSet(values, NoticeVariables.COURIER, row.progress().courier());
    putIfSet(values, NoticeVariables.WAYBILL_NO, row.progress().waybillNo());
    // the record keeps one shipment: the customer's parcel, then the replacement once the warehouse ships it
    putIfSet(values, NoticeVariables.REPLACEMENT_COURIER, row.progress().courier());
    putIfSet(values, NoticeVariables.REPLACEMENT_WAYBILL_NO, row.progress().waybillNo());
    return new Facts(customer, values);
  }

  /** The customer as the order's contact says, as notices address them. */
  static NoticeCustomer customer(Order order) {
    return new NoticeCustomer(order.contact().name(), order.contact().phone(), order.contact().email(),
        order.contact().locale(), order.province());
  }

  /**
   * Where the money goes, in the customer's words: 原路退回 names the way they paid ("您的支付宝（原路退回）"); another
   * destination is masked ("尾号 1234 的银行账户").
   */
  static String destination(String refundTo, String locale, String paymentMethod) {
    boolean english = locale != null && locale.toLowerCase().startsWith("en");
    try {
      return RefundDestination.parse(refundTo).describe(english, paymentMethod);
    } catch (IllegalArgumentException e) {
      return refundTo; // a destination recorded before issue 20's syntax
    }
  }


  private static void putIfSet(Map<String, Object> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
