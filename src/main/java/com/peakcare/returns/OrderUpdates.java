package com.peakcare.returns;

import com.peakcare.order.OrderRegistered;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A later snapshot of an order reaches its open cases (issue 20, {@link OrderRegistered}, in the registering
 * transaction): a corrected province is where a logistics-delay broadcast looks for them. Their notices read the
 * order's contact when they are sent, and their money stays what the case opened with.
 */
@Component
class OrderUpdates {

  private final ReturnCaseRepository cases;

  OrderUpdates(ReturnCaseRepository cases) {
    this.cases = cases;
  }

  @EventListener
  void registered(OrderRegistered event) {
    // a notice later in this transaction says the new contact
    LoadedCases.forgetOrder(event.current().orderNo());
    if (event.previous() != null && !event.previous().province().equals(event.current().province())) {
      cases.updateProvince(event.current().orderNo(), event.current().province());
    }
  }
}
