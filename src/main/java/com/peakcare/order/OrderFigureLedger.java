package com.peakcare.order;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The refund rate of the sale's orders kept as it changes (issue 25, scale; docs/dashboard.md "Kept figures"): per
 * hour of payment, how many orders were paid and for how much, how many of them have had a refund and how much was
 * refunded. {@link OrderRepository} (registration, a new snapshot) and {@link CeilingRepository} (money paid back) tell
 * it each change in the change's transaction; it inserts one row with what the change adds (PC_ORDER_FIGURE,
 * append-only, for the same reason as the return figures: no counter row for every registration to wait on).
 * {@link OrderFigureKeeper} folds and recounts.
 */
@Repository
class OrderFigureLedger {

  /** What of an order the figures count: when it was paid (null: not paid), how much, how much refunded. */
  record Shape(Instant paidAt, BigDecimal paid, BigDecimal refunded) {

    Shape refunded(BigDecimal more) {
      return new Shape(paidAt, paid, refunded.add(more));
    }
  }

  private final JdbcTemplate jdbc;

  OrderFigureLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The order changed from {@code before} to {@code after} (either null: not there). */
  void changed(Shape before, Shape after) {
    if (before != null && after != null && before.equals(after)) {
      return;
    }
    if (before != null && before.paidAt() != null) {
      add(before, -1);
    }
    if (after != null && after.paidAt() != null) {
      add(after, 1);
    }
  }

  private void add(Shape s, int sign) {
    BigDecimal k = BigDecimal.valueOf(sign);
    jdbc.update("insert into PC_ORDER_FIGURE (HR, ORDERS, REFUNDED_ORDERS, PAID, REFUNDED) values (?, ?, ?, ?, ?)",
        hour(s.paidAt()), sign, s.refunded().signum() > 0 ? sign : 0, s.paid().multiply(k), s.refunded().multiply(k));
  }

  static long hour(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 3600);
  }

  /** The order as it is now, its row locked until this transaction ends. */
  Optional<Shape> lock(String orderNo) {
    return jdbc.query("select PAID_AT, PAID_AMOUNT, REFUNDED from PC_ORDER where ORDER_NO = ? for update",
        (rs, i) -> new Shape(instant(rs.getTimestamp(1)), rs.getBigDecimal(2), rs.getBigDecimal(3)), orderNo).stream()
        .findFirst();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
