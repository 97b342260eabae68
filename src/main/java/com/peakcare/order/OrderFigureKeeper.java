package com.peakcare.order;

import com.peakcare.cluster.NodeTurns;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Looks after the kept order figures of {@link OrderFigureLedger} (issue 25), as returns.ReturnFigureKeeper does for
 * the cases: folds the rows into one per hour every {@code peakcare.dashboard.fold-every} and rebuilds them from
 * PC_ORDER at {@code peakcare.dashboard.recount-cron} or when asked, each in one REPEATABLE READ transaction (what it
 * deletes is what it sums), under a PostgreSQL advisory lock.
 */
@Component
public class OrderFigureKeeper implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(OrderFigureKeeper.class);
  /** "PeakCare order figures", the same on every node. */
  static final long LOCK = 0x50434F5244464947L;

  /** One hour's figures: orders paid in it, how many of them refunded, paid and refunded money. */
  public record Hour(long orders, long refundedOrders, BigDecimal paid, BigDecimal refunded) {}

  private final JdbcTemplate jdbc;
  private final NodeTurns turns;
  private final Duration foldEvery;
  private final String recountCron;
  private final ZoneId zone;
  private ThreadPoolTaskScheduler scheduler;

  OrderFigureKeeper(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
      @Value("${peakcare.dashboard.fold-every:PT1M}") Duration foldEvery,
      @Value("${peakcare.dashboard.recount-cron:0 30 1 * * *}") String recountCron,
      @Value("${peakcare.webapps.time-zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.turns = new NodeTurns("order figures", LOCK, jdbc, dataSource, transactions);
    this.foldEvery = foldEvery;
    this.recountCron = recountCron;
    this.zone = ZoneId.of(zone);
  }

  /** Folds the rows there are now into one per hour; returns how many rows it folded, -1: another node folds. */
  public int fold() {
    Integer folded = turns.tryTurn(() -> {
      Long last = jdbc.queryForObject("select max(ID) from PC_ORDER_FIGURE", Long.class);
      if (last == null) {
        return 0;
      }
      jdbc.update("insert into PC_ORDER_FIGURE (HR, ORDERS, REFUNDED_ORDERS, PAID, REFUNDED) select HR, sum(ORDERS),"
          + " sum(REFUNDED_ORDERS), sum(PAID), sum(REFUNDED) from PC_ORDER_FIGURE where ID <= ? group by HR"
          + " having sum(ORDERS) <> 0 or sum(REFUNDED_ORDERS) <> 0 or sum(PAID) <> 0 or sum(REFUNDED) <> 0", last);
      return jdbc.update("delete from PC_ORDER_FIGURE where ID <= ?", last);
    });
    return folded == null ? -1 : folded;
  }

  /** Rebuilds the figures from the orders as they are (the repair); returns how many hours it wrote. */
  public int recount() {
    int hours = turns.awaitTurn(this::rebuild);
    LOG.info("order figures recounted: {} hours", hours);
    return hours;
  }

  private int rebuild() {
    jdbc.update("delete from PC_ORDER_FIGURE");
    return jdbc.update("insert into PC_ORDER_FIGURE (HR, ORDERS, REFUNDED_ORDERS, PAID, REFUNDED) select H,"
        + " count(*), sum(case when REFUNDED > 0 then 1 else 0 end), sum(PAID_AMOUNT), sum(REFUNDED) from"
        + " (select cast(floor(extract(epoch from PAID_AT) / 3600) as bigint) as H, PAID_AMOUNT, REFUNDED"
        + " from PC_ORDER where PAID_AT is not null) O group by H");
  }

  /** The kept figures per hour, as their rows sum now (hours that sum to nothing left out). */
  public Map<Long, Hour> kept() {
    return perHour("select HR, sum(ORDERS), sum(REFUNDED_ORDERS), sum(PAID), sum(REFUNDED) from PC_ORDER_FIGURE"
        + " group by HR");
  }

  /** The same figures counted afresh from the orders (what {@link #kept()} must equal). */
  public Map<Long, Hour> fresh() {
    return perHour("select H, count(*), sum(case when REFUNDED > 0 then 1 else 0 end), sum(PAID_AMOUNT), sum(REFUNDED)"
        + " from (select cast(floor(extract(epoch from PAID_AT) / 3600) as bigint) as H, PAID_AMOUNT, REFUNDED"
        + " from PC_ORDER where PAID_AT is not null) O group by H");
  }

  private Map<Long, Hour> perHour(String sql) {
    Map<Long, Hour> hours = new TreeMap<>();
    jdbc.query(sql, rs -> {
      Hour h = new Hour(rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4).stripTrailingZeros(),
          rs.getBigDecimal(5).stripTrailingZeros());
      if (h.orders() != 0 || h.refundedOrders() != 0 || h.paid().signum() != 0 || h.refunded().signum() != 0) {
        hours.put(rs.getLong(1), h);
      }
    });
    return hours;
  }

  @Override
  public void start() {
    scheduler = turns.schedule("order-figures-", foldEvery, this::fold, recountCron, zone, this::recount);
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
