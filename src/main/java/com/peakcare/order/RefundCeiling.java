package com.peakcare.order;

import com.peakcare.order.CeilingRepository.Reservation;
import com.peakcare.order.CeilingRepository.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order's refund ceiling, held in the database: a case's claim (units per line, money per order) is reserved when
 * it opens, adjusted when its refund changes, settled when it is paid and released when it ends without a refund. Runs
 * in the caller's transaction, so a claim exists exactly when the case that made it does; a refusal is recorded in a
 * transaction of its own, so it is counted although the caller's rolls back.
 */
@Service
class RefundCeiling {

  private static final Logger log = LoggerFactory.getLogger(RefundCeiling.class);

  private final CeilingRepository claims;
  private final OrderRepository orders;
  private final TransactionTemplate own;

  RefundCeiling(CeilingRepository claims, OrderRepository orders, PlatformTransactionManager transactionManager) {
    this.claims = claims;
    this.orders = orders;
    this.own = new TransactionTemplate(transactionManager);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Claims the money first (the order's row: every claim and registration of an order takes it first, so they queue
   * there and never deadlock), then each line's units, then records the case's reservation. The first claim that does
   * not fit refuses the lot, naming the line ({@code lines[i].quantity}) or {@code amount}.
   */
  void reserve(String orderNo, String returnNo, List<LineClaim> lines, BigDecimal amount, String actor) {
    if (!claims.claimMoney(orderNo, amount)) {
      // for the message only: a line without the units claimed says more than "not enough money"
      List<Order.Line> now = orders.lines(orderNo);
      for (int i = 0; i < lines.size(); i++) {
        LineClaim claim = lines.get(i);
        Optional<Order.Line> line = now.stream().filter(l -> l.sku().equals(claim.sku())).findFirst();
        if (line.isPresent() && line.get().returnable() < claim.quantity()) {
          throw refused(orderNo, returnNo, "lines[" + i + "].quantity", units(line.get()), actor);
        }
      }
      throw refused(orderNo, returnNo, "amount", money(orderNo), actor);
    }
    for (int i = 0; i < lines.size(); i++) {
      LineClaim claim = lines.get(i);
      if (!claims.claimUnits(orderNo, claim.sku(), claim.quantity())) {
        Order.Line line = orders.lines(orderNo).stream().filter(l -> l.sku().equals(claim.sku())).findFirst()
            .orElseThrow(() -> new IllegalStateException("order " + orderNo + " has no line " + claim.sku()));
        throw refused(orderNo, returnNo, "lines[" + i + "].quantity", units(line), actor);
      }
    }
    claims.insert(returnNo, orderNo, amount, lines, actor, Instant.now());
    log.info("order {}: return {} reserved {} ({} lines)", orderNo, returnNo, amount.toPlainString(), lines.size());
  }

  /** The case's claim, in flight, gets {@code amount}: more needs room under the ceiling, less gives it back. */
  void adjust(String returnNo, BigDecimal amount, String actor) {
    Reservation r = inFlight(returnNo);
    BigDecimal more = amount.subtract(r.amount());
    if (more.signum() > 0 && !claims.claimMoney(r.orderNo(), more)) {
      throw refused(r.orderNo(), returnNo, "amount", money(r.orderNo()), actor);
    }
    if (more.signum() < 0) {
      claims.unclaimMoney(r.orderNo(), more.negate(), BigDecimal.ZERO);
    }
    if (!claims.changeAmount(returnNo, r.amount(), amount)) {
      throw new IllegalStateException("the reservation of return " + returnNo + " changed while it was adjusted");
    }
  }

  /** The refund was paid ({@code paid}, at most what was reserved): money and units count as refunded, once. */
  void settle(String returnNo, BigDecimal paid) {
    Reservation r = inFlight(returnNo);
    if (paid.compareTo(r.amount()) > 0) {
      throw new IllegalStateException("return " + returnNo + " paid " + paid + ", more than its reservation "
          + r.amount());
    }
    if (claims.end(returnNo, State.SETTLED, Instant.now())) {
      claims.unclaimMoney(r.orderNo(), r.amount(), paid);
      claims.lines(returnNo).forEach(l -> claims.unclaimUnits(r.orderNo(), l.sku(), l.quantity(), l.quantity()));
    }
  }

  /** The case ended without a refund: its claim goes back to the order, once (nothing when it has none). */
  void release(String returnNo) {
    Optional<Reservation> found = claims.find(returnNo);
    if (found.isEmpty() || found.get().state() != State.RESERVED) {
      return;
    }
    Reservation r = found.get();
    if (claims.end(returnNo, State.RELEASED, Instant.now())) {
      claims.unclaimMoney(r.orderNo(), r.amount(), BigDecimal.ZERO);
      claims.lines(returnNo).forEach(l -> claims.unclaimUnits(r.orderNo(), l.sku(), l.quantity(), 0));
    }
  }

  /** What the case has in flight, if anything. */
  Optional<BigDecimal> inFlightAmount(String returnNo) {
    return claims.find(returnNo).filter(r -> r.state() == State.RESERVED).map(Reservation::amount);
  }

  private Reservation inFlight(String returnNo) {
    return claims.find(returnNo).filter(r -> r.state() == State.RESERVED).orElseThrow(() -> new IllegalStateException(
        "return " + returnNo + " has nothing reserved under its order's ceiling"));
  }

  private CeilingRefused refused(String orderNo, String returnNo, String field, String message, String actor) {
    own.executeWithoutResult(s -> claims.refused(orderNo, returnNo, field, message, actor, Instant.now()));
    log.warn("order {}: return {} refused by the refund ceiling ({}, by {})", orderNo, returnNo, field, actor);
    return new CeilingRefused(orderNo, field, message);
  }

  private static String units(Order.Line line) {
    return "订单行 " + line.sku() + " 最多还可退 " + Math.max(0, line.returnable()) + " 件（共 " + line.quantity() + " 件，已退 "
        + line.returned() + "，处理中 " + line.reserved() + "） · at most " + Math.max(0, line.returnable())
        + " more of line " + line.sku() + " may be returned (" + line.quantity() + " bought, " + line.returned()
        + " returned, " + line.reserved() + " in flight)";
  }

  private String money(String orderNo) {
    OrderRepository.Row o = orders.find(orderNo).orElseThrow(() -> new IllegalStateException("no order " + orderNo));
    String left = o.paidAmount().subtract(o.refunded()).subtract(o.reserved()).max(BigDecimal.ZERO).toPlainString();
    return "超出订单可退金额：最多还可退 ¥" + left + "（实付 ¥" + o.paidAmount().toPlainString() + "，已退 ¥"
        + o.refunded().toPlainString() + "，处理中 ¥" + o.reserved().toPlainString() + "） · more than the order may "
        + "still refund: at most ¥" + left + " (paid ¥" + o.paidAmount().toPlainString() + ", refunded ¥"
        + o.refunded().toPlainString() + ", in flight ¥" + o.reserved().toPlainString() + ")";
  }
}
