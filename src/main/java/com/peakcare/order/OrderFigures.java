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

  /**
   * Orders paid in [from, to): the kept figures (OrderFigureLedger, index PC_IDX_ORDER_FIGURE) for the window's whole
   * hours; a part of an hour at either end (a sale from 20:30) from the orders (index PC_IDX_ORDER_PAID).
   */
  public RefundRate refundRate(Instant from, Instant to) {
    long firstWhole = Math.floorDiv(from.getEpochSecond() + 3599, 3600);
    long endWhole = Math.floorDiv(to.getEpochSecond(), 3600);
    if (firstWhole >= endWhole) {
      return counted(from, to);
    }
    RefundRate rate = jdbc.queryForObject("select coalesce(sum(ORDERS), 0), coalesce(sum(REFUNDED_ORDERS), 0),"
        + " coalesce(sum(PAID), 0), coalesce(sum(REFUNDED), 0) from PC_ORDER_FIGURE where HR >= ? and HR < ?",
        (rs, i) -> new RefundRate(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
        firstWhole, endWhole);
    Instant wholeFrom = Instant.ofEpochSecond(firstWhole * 3600);
    Instant wholeTo = Instant.ofEpochSecond(endWhole * 3600);
    if (from.isBefore(wholeFrom)) {
      rate = plus(rate, counted(from, wholeFrom));
    }
    if (wholeTo.isBefore(to)) {
      rate = plus(rate, counted(wholeTo, to));
    }
    return rate;
  }

  private RefundRate counted(Instant from, Instant to) {
    return jdbc.queryForObject("select count(*), coalesce(sum(case when REFUNDED > 0 then 1 else 0 end), 0),"
        + " coalesce(sum(PAID_AMOUNT), 0), coalesce(sum(REFUNDED), 0) from PC_ORDER where PAID_AT >= ? and PAID_AT < ?",
        (rs, i) -> new RefundRate(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
        Timestamp.from(from), Timestamp.from(to));
  }

  private static RefundRate plus(RefundRate a, RefundRate b) {
    return new RefundRate(a.orders() + b.orders(), a.refundedOrders() + b.refundedOrders(), a.paid().add(b.paid()),
        a.refunded().add(b.refunded()));
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
