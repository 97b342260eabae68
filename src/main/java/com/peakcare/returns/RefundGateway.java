package com.peakcare.returns;

import java.math.BigDecimal;
import java.time.Instant;

/** Pays a refund. Implementations must be idempotent per return number: a retry never pays twice. */
public interface RefundGateway {

  Refund refund(String returnNo, BigDecimal amount, String refundTo);

  record Refund(String returnNo, BigDecimal amount, String refundTo, String gatewayRef, Instant doneAt) {}
}
