package com.peakcare.returns;

import java.math.BigDecimal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The refund gateway the process uses in tests: the configured one (the recording gateway of application-test.yaml)
 * unless a test puts an {@link HttpRefundGateway} around its own payment provider peer in its place, for the length
 * of a try-with-resources block. A plain component in the test sources, so component scanning adds it to the one
 * shared test context: process tests pay over real HTTP without a second Spring context (about 20 s each in CI).
 */
@Primary
@Component
class SwitchableRefundGateway implements RefundGateway {

  private final ObjectProvider<RefundGateway> gateways;
  private volatile RefundGateway override;

  SwitchableRefundGateway(ObjectProvider<RefundGateway> gateways) {
    this.gateways = gateways;
  }

  @Override
  public Refund refund(String returnNo, BigDecimal amount, String refundTo) {
    RefundGateway current = override;
    return (current != null ? current : configured()).refund(returnNo, amount, refundTo);
  }

  /** Refunds go through {@code gateway} until the returned handle is closed. */
  AutoCloseable use(RefundGateway gateway) {
    override = gateway;
    return () -> override = null;
  }

  private RefundGateway configured() {
    return gateways.stream().filter(g -> !(g instanceof SwitchableRefundGateway)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no configured refund gateway"));
  }
}
