package com.peakcare.dashboard;

import com.peakcare.returns.RefundCare;
import java.time.Instant;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Refund care's promises ("your refund within N hours") for the promises tile, from the return feature's refund care. */
@Component
@Order(1)
class RefundCarePromises implements PromiseSource {

  private final RefundCare refundCare;

  RefundCarePromises(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  @Override
  public String kind() {
    return "refund-care";
  }

  @Override
  public String label() {
    return "退款关怀 · Refund care";
  }

  @Override
  public Figures due(Instant from, Instant to, Instant now) {
    RefundCare.Promises p = refundCare.promises(from, to, now);
    return new Figures(p.due(), p.kept(), p.late(), p.apologised(), p.open());
  }
}
