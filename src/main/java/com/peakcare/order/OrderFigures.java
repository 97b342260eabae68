package com.peakcare.order;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The registered orders' figures for the big-sale dashboard (issue 25): read-only, each from an index
 * (docs/dashboard.md). The dashboard asks this service, never the orders' tables.
 */
@Service
public class OrderFigures {

  /**
   * The orders paid in a window and what was refunded of them: the refund rate by orders (with any refund) and by
   * money (refunded over paid).
   */
  public record RefundRate(long orders, long refundedOrders, BigDecimal paid, BigDecimal refunded) {}

  private final JdbcTemplate jdbc;

  OrderFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Orders paid in [from, to) (index PC_IDX_ORDER_PAID: a range over the sale's orders, paid and refunded in the index). */
  public RefundRate refundRate(Instant from, Instant to) {
    return jdbc.queryForObject("select count(*), coalesce(sum(case when REFUNDED > 0 then 1 else 0 end), 0),"
        + " coalesce(sum(PAID_AMOUNT), 0), coalesce(sum(REFUNDED), 0) from PC_ORDER where PAID_AT >= ? and PAID_AT < ?",
        (rs, i) -> new RefundRate(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
        Timestamp.from(from), Timestamp.from(to));
  }

  /** Refusals recorded in [from, to) per code, the ceiling's among them (index PC_IDX_ORDER_REFUSAL_AT). */
  public Map<String, Long> refusals(Instant from, Instant to) {
    Map<String, Long> byCode = new LinkedHashMap<>();
    byCode.put(CeilingRefused.CODE, 0L);
    jdbc.query("select CODE, count(*) from PC_ORDER_REFUSAL where AT >= ? and AT < ? group by CODE", rs -> {
      byCode.put(rs.getString(1), rs.getLong(2));
    }, Timestamp.from(from), Timestamp.from(to));
    return byCode;
  }
}
