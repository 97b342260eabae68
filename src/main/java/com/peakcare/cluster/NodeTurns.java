package com.peakcare.cluster;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background work that one node at a time does on the shared database (the dashboard's kept figures, issue 25): each
 * turn is one REPEATABLE READ transaction, so that what it deletes is exactly what it summed, and on PostgreSQL it
 * holds a transaction advisory lock that it <em>tries</em> and never waits for. A transaction that waited for the
 * lock would keep the snapshot of before the wait, then delete rows another node's turn committed meanwhile (a
 * serialization failure). The embedded H2 database serves one node: there a turn always runs.
 */
public final class NodeTurns {

  private static final Logger LOG = LoggerFactory.getLogger(NodeTurns.class);
  private static final Duration RETRY = Duration.ofMillis(200);
  private static final int ATTEMPTS = 600; // 2 minutes of RETRY

  private final String what;
  private final long lock;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate snapshot;
  private final boolean postgres;

  /**
   * @param what what the turns keep, for logs and errors ("return figures")
   * @param lock the advisory lock's number, the same on every node and different for every kind of work
   */
  public NodeTurns(String what, long lock, JdbcTemplate jdbc, DataSource dataSource,
      PlatformTransactionManager transactions) {
    this.what = what;
    this.lock = lock;
    this.jdbc = jdbc;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.postgres = isPostgres(dataSource);
  }

  /** Runs the work now if no other node is at it; {@code null} when another node holds the turn (skip this one). */
  public <T> T tryTurn(Supplier<T> work) {
    return snapshot.execute(tx -> locked() ? work.get() : null);
  }

  /** Runs the work as soon as no other node is at it, trying every 200 ms for up to 2 minutes. */
  public <T> T awaitTurn(Supplier<T> work) {
    for (int attempt = 0; ; attempt++) {
      T done = tryTurn(work);
      if (done != null) {
        return done;
      }
      if (attempt >= ATTEMPTS) {
        throw new IllegalStateException(what + ": another node held the lock for 2 minutes; not done");
      }
      try {
        Thread.sleep(RETRY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(what + ": interrupted while waiting for the lock", e);
      }
    }
  }

  /**
   * One thread that runs {@code often} every {@code every} (zero or negative: never; a failure is logged and the next
   * turn tries again) and {@code daily} on the cron expression in the zone ({@code "-"}: never). Shut it down on stop.
   */
  public ThreadPoolTaskScheduler schedule(String threadPrefix, Duration every, Runnable often, String cron,
      ZoneId zone, Runnable daily) {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix(threadPrefix);
    scheduler.setPoolSize(1);
    scheduler.initialize();
    if (!every.isZero() && !every.isNegative()) {
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          often.run();
        } catch (RuntimeException e) {
          LOG.warn("{}: turn failed, the next one tries again: {}", what, e.toString());
        }
      }, every);
    }
    if (!"-".equals(cron.trim())) {
      scheduler.schedule(daily, new CronTrigger(cron, zone));
    }
    return scheduler;
  }

  private boolean locked() {
    return !postgres || Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)",
        Boolean.class, lock));
  }

  /** Whether PeakCare runs on PostgreSQL (several nodes may share it) rather than the embedded H2. */
  public static boolean isPostgres(DataSource dataSource) {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    } catch (Exception e) {
      throw new IllegalStateException("cannot tell which database PeakCare runs on", e);
    }
  }
}
