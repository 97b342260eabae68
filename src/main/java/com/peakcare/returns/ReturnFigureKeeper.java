package com.peakcare.returns;

import com.peakcare.cluster.NodeTurns;
import com.peakcare.returns.ReturnFigureLedger.Key;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
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
 * Looks after the kept figures of {@link ReturnFigureLedger} (issue 25): folds the +1/-1 rows into one row per key
 * every {@code peakcare.dashboard.fold-every} (1 minute), so a figure sums a few hundred rows whatever the night's
 * traffic, and rebuilds every kept figure from PC_RETURN_CASE at {@code peakcare.dashboard.recount-cron} (01:30 in
 * the shop's zone) or when asked ({@link #recount()}): the repair if a change ever reached the cases some other way.
 *
 * <p>Both run in one transaction at REPEATABLE READ, so that what they delete is exactly what they sum (their
 * snapshot): a change committed meanwhile keeps its rows and is counted once. On PostgreSQL they take a transaction
 * advisory lock, so of several nodes one folds at a time and the others skip that turn.
 */
@Component
public class ReturnFigureKeeper implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ReturnFigureKeeper.class);
  /** "PeakCare return figures", the same on every node. */
  static final long LOCK = 0x5043524546494755L;

  private final JdbcTemplate jdbc;
  private final NodeTurns turns;
  private final Duration foldEvery;
  private final String recountCron;
  private final ZoneId zone;
  private ThreadPoolTaskScheduler scheduler;

  ReturnFigureKeeper(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
      @Value("${peakcare.dashboard.fold-every:PT1M}") Duration foldEvery,
      @Value("${peakcare.dashboard.recount-cron:0 30 1 * * *}") String recountCron,
      @Value("${peakcare.webapps.time-zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.turns = new NodeTurns("return figures", LOCK, jdbc, dataSource, transactions);
    this.foldEvery = foldEvery;
    this.recountCron = recountCron;
    this.zone = ZoneId.of(zone);
  }

  /** Folds the rows there are now into one per key (zero sums go); returns how many rows it folded, -1: busy. */
  public int fold() {
    Integer folded = turns.tryTurn(() -> {
      Long last = jdbc.queryForObject("select max(ID) from PC_RETURN_FIGURE", Long.class);
      if (last == null) {
        return 0;
      }
      jdbc.update("insert into PC_RETURN_FIGURE (KIND, HR, K1, K2, N) select KIND, HR, K1, K2, sum(N)"
          + " from PC_RETURN_FIGURE where ID <= ? group by KIND, HR, K1, K2 having sum(N) <> 0", last);
      return jdbc.update("delete from PC_RETURN_FIGURE where ID <= ?", last);
    });
    return folded == null ? -1 : folded;
  }

  /** Rebuilds every kept figure from the cases as they are (the repair); returns how many keys it wrote. */
  public int recount() {
    int keys = turns.awaitTurn(this::rebuild);
    LOG.info("return figures recounted: {} keys", keys);
    return keys;
  }

  private int rebuild() {
    jdbc.update("delete from PC_RETURN_FIGURE");
    String open = " where STATUS in (" + String.join(", ", Collections.nCopies(ReturnFigures.OPEN.size(), "?"))
        + ")";
    Object[] statuses = ReturnFigures.OPEN.toArray();
    int n = jdbc.update("insert into PC_RETURN_FIGURE (KIND, HR, K1, K2, N) select 'S', 0, STATUS, '', count(*)"
        + " from PC_RETURN_CASE" + open + " group by STATUS", statuses);
    n += jdbc.update("insert into PC_RETURN_FIGURE (KIND, HR, K1, K2, N) select 'T', 0, CASE_TYPE, '', count(*)"
        + " from PC_RETURN_CASE" + open + " group by CASE_TYPE", statuses);
    n += jdbc.update("insert into PC_RETURN_FIGURE (KIND, HR, K1, K2, N) select 'A', 0, coalesce(ASSIGNEE, ''),"
        + " STATUS, count(*) from PC_RETURN_CASE" + open + " group by coalesce(ASSIGNEE, ''), STATUS", statuses);
    n += jdbc.update("insert into PC_RETURN_FIGURE (KIND, HR, K1, K2, N) select 'H', H, O, '', count(*) from"
        + " (select cast(floor(extract(epoch from CREATED_AT) / 3600) as bigint) as H,"
        + " coalesce(POLICY_OUTCOME, '') as O from PC_RETURN_CASE) C group by H, O");
    return n;
  }

  /** Every kept figure as the ledger's rows sum it now (no zeros). */
  public Map<Key, Long> kept() {
    Map<Key, Long> kept = new TreeMap<>(ORDER);
    jdbc.query("select KIND, HR, K1, K2, sum(N) from PC_RETURN_FIGURE group by KIND, HR, K1, K2"
        + " having sum(N) <> 0", rs -> {
          kept.put(new Key(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), rs.getLong(5));
        });
    return kept;
  }

  /** Every figure counted afresh from the cases (what {@link #kept()} must equal). */
  public Map<Key, Long> fresh() {
    Map<Key, Long> fresh = new TreeMap<>(ORDER);
    jdbc.query("select STATUS, CASE_TYPE, ASSIGNEE, CREATED_AT, POLICY_OUTCOME from PC_RETURN_CASE", rs -> {
      ReturnFigureLedger.keys(new ReturnFigureLedger.Shape(rs.getString(1), rs.getString(2), rs.getString(3),
          rs.getTimestamp(4).toInstant(), rs.getString(5))).forEach(k -> fresh.merge(k, 1L, Long::sum));
    });
    return fresh;
  }

  private static final java.util.Comparator<Key> ORDER = java.util.Comparator.comparing(Key::kind)
      .thenComparingLong(Key::hour).thenComparing(Key::k1).thenComparing(Key::k2);

  @Override
  public void start() {
    // a failed fold leaves its rows, which are summed as they are; the next turn folds them
    scheduler = turns.schedule("return-figures-", foldEvery, this::fold, recountCron, zone, this::recount);
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
