package com.peakcare.faults;

import com.peakcare.support.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the fault tests share: waiting, counting in the database, return requests, taking the database away. */
final class Faults {

  /**
   * Keeps a kill test's own output readable: no Spring context in its JVM configures logging (the nodes log to their
   * own files), so the root logger would print every DEBUG line of the test's HTTP and JDBC clients.
   */
  static void quietTestLog() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  /** A new connection per statement: the test's own view of the database survives the database going away. */
  /**
   * The settings of the two nodes a kill test starts on one database: job executor on with a short lock (a dead
   * node's jobs run elsewhere after {@code lockTimeMillis}), SMS over the test's gateway, a send whose node died taken
   * over after 8 s (above the 5 s a send may take here) and retried every 3 s until then, the job log kept for every
   * job (the tests tell which node ran which job from it; production keeps it only for failures), no per-account rate
   * limit (the load is one integrator as fast as it can; not what a kill test measures), and connections opened as
   * needed (the database server is shared with other test runs: pool 15 ≥ 2 × 6 + 1).
   */
  static java.util.List<String> killTestNodeArgs(SmsGateway sms, int lockTimeMillis) {
    return java.util.List.of(
        "--peakcare.demo=true",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + lockTimeMillis,
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--camunda.bpm.job-execution.max-wait=2000",
        "--peakcare.notice.sms.enabled=true",
        "--peakcare.notice.sms.url=" + sms.url(),
        "--peakcare.notice.sms.api-key=kill-test",
        "--peakcare.notice.sms.connect-timeout=2s",
        "--peakcare.notice.sms.read-timeout=3s",
        "--peakcare.notice.email.enabled=false",
        "--peakcare.notice.stale-claim=8s",
        "--peakcare.notice.retry-cycle=R10/PT3S",
        "--peakcare.history.machinery=",
        "--peakcare.history.failed-job-log-only=",
        "--peakcare.rate-limit.rules.open-cases.capacity=0",
        "--spring.datasource.hikari.maximum-pool-size=15",
        "--spring.datasource.hikari.minimum-idle=2");
  }

  static JdbcTemplate jdbc(PostgresDatabase db) {
    return new JdbcTemplate(new DriverManagerDataSource(db.url(), db.user(), ""));
  }

  static int count(JdbcTemplate jdbc, String sql, Object... args) {
    Integer n = jdbc.queryForObject(sql, Integer.class, args);
    return n == null ? 0 : n;
  }

  static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
      }
      Thread.sleep(200);
    }
  }

  static String aReturnNo() {
    return "R-" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
  }

  /**
   * Like {@code ReturnRequests.aSmallRefund()}: refund only, 80 CNY, delivered 2 days ago; the policy approves it. Its
   * order must be registered first ({@link com.peakcare.support.Shop#putSmallRefundsOrder}).
   */
  static String aSmallRefund(String returnNo) {
    return com.peakcare.support.Shop.smallRefund(returnNo);
  }

  /**
   * What a database restart looks like to the application, done to this test's database only (the server is
   * shared with other test runs and must never restart): new connections are refused ({@code ALLOW_CONNECTIONS
   * false}) and every open session is terminated ({@code pg_terminate_backend}, what a restart does to them).
   * Returns the number of sessions terminated.
   */
  static int takeAway(PostgresDatabase db) throws SQLException {
    try (Connection admin = admin(db); Statement s = admin.createStatement()) {
      s.execute("alter database " + db.name() + " with allow_connections false");
      var rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '"
          + db.name() + "' and pid <> pg_backend_pid()");
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The database accepts connections again. */
  static void giveBack(PostgresDatabase db) throws SQLException {
    try (Connection admin = admin(db); Statement s = admin.createStatement()) {
      s.execute("alter database " + db.name() + " with allow_connections true");
    }
  }

  /** Sessions the application holds on the test database. */
  static int sessions(PostgresDatabase db) throws SQLException {
    try (Connection admin = admin(db); Statement s = admin.createStatement()) {
      var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = '" + db.name() + "'");
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Connection admin(PostgresDatabase db) throws SQLException {
    String url = db.url().substring(0, db.url().lastIndexOf('/') + 1) + "postgres";
    return DriverManager.getConnection(url, db.user(), "");
  }

  /** The p-th percentile (0..100) of the values, nearest rank. */
  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private Faults() {}
}
