package com.peakcare.order;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What refunds use of each order (PC_ORDER.REFUNDED/RESERVED, PC_ORDER_LINE.RETURNED_QTY/RESERVED_QTY) and the
 * reservation of each case (PC_ORDER_RESERVATION and its lines), plus the refusals (PC_ORDER_REFUSAL). A claim is a
 * conditional update: the database, not a read in Java, decides whether it still fits, so of two cases racing for the
 * last units or the last yuan exactly one gets them, on H2 and on PostgreSQL.
 */
@Repository
class CeilingRepository {

  enum State { RESERVED, SETTLED, RELEASED }

  record Reservation(String returnNo, String orderNo, BigDecimal amount, State state) {}

  private final JdbcTemplate jdbc;
  private final OrderFigureLedger figures;

  CeilingRepository(JdbcTemplate jdbc, OrderFigureLedger figures) {
    this.jdbc = jdbc;
    this.figures = figures;
  }

  /** Claims {@code amount} of the order's money; false when less than that is left (or no such order). */
  boolean claimMoney(String orderNo, BigDecimal amount) {
    return jdbc.update("update PC_ORDER set RESERVED = RESERVED + ? where ORDER_NO = ?"
        + " and PAID_AMOUNT - REFUNDED - RESERVED >= ?", amount, orderNo, amount) == 1;
  }

  /** Claims {@code quantity} units of a line; false when fewer are left (or no such line). */
  boolean claimUnits(String orderNo, String sku, int quantity) {
    return jdbc.update("update PC_ORDER_LINE set RESERVED_QTY = RESERVED_QTY + ? where ORDER_NO = ? and SKU = ?"
        + " and QUANTITY - RETURNED_QTY - RESERVED_QTY >= ?", quantity, orderNo, sku, quantity) == 1;
  }

  /** Gives back money in flight; {@code refunded} of it counts as paid back from now on. */
  void unclaimMoney(String orderNo, BigDecimal reserved, BigDecimal refunded) {
    OrderFigureLedger.Shape before = refunded.signum() == 0 ? null : figures.lock(orderNo).orElse(null);
    if (before != null) {
      figures.changed(before, before.refunded(refunded));
    }
    jdbc.update("update PC_ORDER set RESERVED = RESERVED - ?, REFUNDED = REFUNDED + ? where ORDER_NO = ?",
        reserved, refunded, orderNo);
  }

  /** Gives back units in flight; {@code returned} of them count as returned from now on. */
  void unclaimUnits(String orderNo, String sku, int reserved, int returned) {
    jdbc.update("update PC_ORDER_LINE set RESERVED_QTY = RESERVED_QTY - ?, RETURNED_QTY = RETURNED_QTY + ?"
        + " where ORDER_NO = ? and SKU = ?", reserved, returned, orderNo, sku);
  }

  void insert(String returnNo, String orderNo, BigDecimal amount, List<LineClaim> lines, String actor, Instant at) {
    jdbc.update("insert into PC_ORDER_RESERVATION (RETURN_NO, ORDER_NO, AMOUNT, STATUS, RESERVED_BY, RESERVED_AT)"
        + " values (?, ?, ?, ?, ?, ?)", returnNo, orderNo, amount, State.RESERVED.name(), actor, Timestamp.from(at));
    for (LineClaim line : lines) {
      jdbc.update("insert into PC_ORDER_RESERVATION_LINE (RETURN_NO, SKU, QUANTITY) values (?, ?, ?)",
          returnNo, line.sku(), line.quantity());
    }
  }

  Optional<Reservation> find(String returnNo) {
    return jdbc.query("select RETURN_NO, ORDER_NO, AMOUNT, STATUS from PC_ORDER_RESERVATION where RETURN_NO = ?",
        (rs, i) -> new Reservation(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), State.valueOf(rs.getString(4))),
        returnNo).stream().findFirst();
  }

  List<LineClaim> lines(String returnNo) {
    return jdbc.query("select SKU, QUANTITY from PC_ORDER_RESERVATION_LINE where RETURN_NO = ? order by SKU",
        (rs, i) -> new LineClaim(rs.getString(1), rs.getInt(2)), returnNo);
  }

  /** Ends a reservation still in flight, once: false when it was ended already (a retried step). */
  boolean end(String returnNo, State state, Instant at) {
    return jdbc.update("update PC_ORDER_RESERVATION set STATUS = ?, ENDED_AT = ? where RETURN_NO = ? and STATUS = ?",
        state.name(), Timestamp.from(at), returnNo, State.RESERVED.name()) == 1;
  }

  /** A reservation in flight gets another amount; false when it is not in flight at {@code from} any more. */
  boolean changeAmount(String returnNo, BigDecimal from, BigDecimal to) {
    return jdbc.update("update PC_ORDER_RESERVATION set AMOUNT = ? where RETURN_NO = ? and STATUS = ? and AMOUNT = ?",
        to, returnNo, State.RESERVED.name(), from) == 1;
  }

  void refused(String orderNo, String returnNo, String field, String detail, String actor, Instant at) {
    jdbc.update("insert into PC_ORDER_REFUSAL (ORDER_NO, RETURN_NO, CODE, FIELD, DETAIL, ACTOR, AT)"
            + " values (?, ?, ?, ?, ?, ?, ?)", orderNo, returnNo, CeilingRefused.CODE, field,
        detail.length() > 500 ? detail.substring(0, 500) : detail, actor, Timestamp.from(at));
  }

  /** How many claims on this order the ceiling refused. */
  int refusals(String orderNo) {
    Integer n = jdbc.queryForObject("select count(*) from PC_ORDER_REFUSAL where ORDER_NO = ? and CODE = ?",
        Integer.class, orderNo, CeilingRefused.CODE);
    return n == null ? 0 : n;
  }
}
