package com.peakcare.returns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default refund gateway: records each refund once in PC_REFUND (the return number is the key), for shops
 * whose payment system picks refunds up from there. A retry finds the first record and returns it.
 */
@Component
@ConditionalOnProperty(prefix = "peakcare.refund", name = "gateway", havingValue = "recording", matchIfMissing = true)
class RecordingRefundGateway implements RefundGateway {

  private final RefundLedger ledger;

  RecordingRefundGateway(RefundLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public Refund refund(String returnNo, BigDecimal amount, String refundTo) {
    Optional<Refund> existing = ledger.find(returnNo);
    if (existing.isPresent()) {
      return existing.get();
    }
    Refund refund = new Refund(returnNo, amount, refundTo, "RF-" + UUID.randomUUID(), Instant.now());
    ledger.record(refund, RefundProperties.Gateway.RECORDING);
    return refund;
  }
}
