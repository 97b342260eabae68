package com.peakcare.returns;

import com.peakcare.order.Orders;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The shop's system in tests (issue 20): registers the order a {@link ReturnRequests} request names, as {@code shop1},
 * before the case is opened, as the shop does. (Scanned into every test application.)
 */
@Component
class ShopOrders {

  static final String SHOP = "shop1";

  private final Orders orders;
  private final ReturnCases cases;

  ShopOrders(Orders orders, ReturnCases cases) {
    this.orders = orders;
    this.cases = cases;
  }

  /** Registers the request's order (again: nothing changes) and returns the request. */
  ReturnRequest registered(ReturnRequest request) {
    orders.register(List.of(new Orders.Registration(request.orderNo(), ReturnRequests.orderOf(request))), SHOP);
    return request;
  }

  /** The order registered, then the case opened as the API does. */
  ReturnCases.Opened open(ReturnRequest request, String user) {
    return cases.open(registered(request), user);
  }

  /** The order registered, then the case opened as Tasklist's start form does. */
  ProcessInstance openFromForm(ReturnRequest request, String user) {
    return cases.openFromForm(registered(request), user);
  }
}
