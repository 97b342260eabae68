package com.peakcare.order;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where an order stands in the shop's system. UNPAID may become anything; PAID may become CANCELLED or CLOSED;
 * CANCELLED and CLOSED are final. An order that was paid never becomes UNPAID again.
 */
@Schema(name = "OrderStatus", enumAsRef = true, description = "UNPAID 待付款, PAID 已付款, CANCELLED 已取消, "
    + "CLOSED 已关闭 (closed without payment, or after it was settled)")
public enum OrderStatus {
  UNPAID, PAID, CANCELLED, CLOSED;

  boolean isFinal() {
    return this == CANCELLED || this == CLOSED;
  }

  /** Whether a snapshot may move an order from this status to {@code next}. */
  boolean mayBecome(OrderStatus next) {
    return this == next || this == UNPAID || this == PAID && next.isFinal();
  }
}
