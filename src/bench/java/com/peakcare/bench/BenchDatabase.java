package com.peakcare.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh PostgreSQL database for one benchmark run (127.0.0.1:5432, user postgres, trust, like the tests'
 * PostgresDatabase), dropped at the end, and what the benchmark reads from it: counts, pg_stat_user_tables and
 * the wait events of its sessions. Its own connection, outside PeakCare's pool.
 */
final class BenchDatabase implements AutoCloseable {

  static final String HOST = env("PEAKCARE_BENCH_PG_HOST", "127.0.0.1");
  static final String PORT = env("PEAKCARE_BENCH_PG_PORT", "5432");
  static final String USER = env("PEAKCARE_BENCH_PG_USER", "postgres");

  private final String name;
  private final Connection connection;

  private BenchDatabase(String name) throws SQLException {
    this.name = name;
    this.connection = DriverManager.getConnection(url(), USER, "");
  }

  static BenchDatabase create() throws SQLException {
    String name = "peakcare_bench_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
      // slow statements' plans into the server log, sampled (see SlowStatements); per database, no restart
      s.execute("alter database " + name + " set session_preload_libraries = 'auto_explain'");
      s.execute("alter database " + name + " set auto_explain.log_min_duration = '"
          + Integer.getInteger("bench.slowMs", 20) + "ms'");
      s.execute("alter database " + name + " set auto_explain.sample_rate = 0.2");
    }
    return new BenchDatabase(name);
  }

  String url() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  String name() {
    return name;
  }

  synchronized long count(String sql) {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  synchronized List<String> lines(String sql) {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    } catch (SQLException e) {
      out.add("(" + e.getMessage() + ")");
    }
    return out;
  }

  /** Per table: seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup. */
  synchronized Map<String, long[]> tableStats() {
    Map<String, long[]> stats = new LinkedHashMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_tup_ins, n_tup_upd, n_tup_del, n_live_tup"
            + " from pg_stat_user_tables")) {
      while (rs.next()) {
        long[] v = new long[7];
        for (int i = 0; i < 7; i++) {
          v[i] = rs.getLong(i + 2);
        }
        stats.put(rs.getString(1).toLowerCase(), v);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return stats;
  }

  static long sum(Map<String, long[]> after, Map<String, long[]> before, int column) {
    long total = 0;
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.get(e.getKey());
      total += e.getValue()[column] - (b == null ? 0 : b[column]);
    }
    return total;
  }

  /** Tables the lean path (issue 23) watches: sequential scans of them per request, and of all tables. */
  static final List<String> WATCHED = List.of("act_re_procdef", "act_ru_jobdef", "act_id_membership", "act_ru_job",
      "act_re_decision_def", "pc_return_case");

  static String seqScansPerRequest(Map<String, long[]> after, Map<String, long[]> before, int requests) {
    if (requests <= 0) {
      return "no requests";
    }
    StringBuilder b = new StringBuilder(String.format("all %.2f", sum(after, before, 0) / (double) requests));
    for (String table : WATCHED) {
      long[] a = after.get(table);
      if (a != null) {
        long[] was = before.getOrDefault(table, new long[7]);
        b.append(String.format(", %s %.2f", table, (a[0] - was[0]) / (double) requests));
      }
    }
    return b.toString();
  }

  /** The tables read most by sequential scans between the two snapshots, most rows read first. */
  static List<String> seqScans(Map<String, long[]> after, Map<String, long[]> before, int top) {
    List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[7]);
      long[] d = new long[7];
      for (int i = 0; i < 7; i++) {
        d[i] = e.getValue()[i] - b[i];
      }
      d[6] = e.getValue()[6];
      if (d[0] > 0) {
        deltas.add(Map.entry(e.getKey(), d));
      }
    }
    deltas.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : deltas.subList(0, Math.min(top, deltas.size()))) {
      long[] d = e.getValue();
      out.add(String.format("%s: %d seq scans reading %d rows (%d index scans, %d live rows)", e.getKey(), d[0], d[1],
          d[2], d[6]));
    }
    return out;
  }

  /** Jobs the job executor could run now (notice deliveries, refunds): 0 when PeakCare has caught up. */
  long dueJobs() {
    return count("select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
        + " and (duedate_ is null or duedate_ <= now())");
  }

  /** Waits (at most maxSeconds) until no job is due; answers how long it waited. */
  double quiesce(double maxSeconds) throws InterruptedException {
    long start = System.nanoTime();
    while (dueJobs() > 0 && (System.nanoTime() - start) / 1e9 < maxSeconds) {
      Thread.sleep(250);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Samples this database's active sessions every 100 ms (state and wait event) until stopped: where PeakCare's
   * connections spend their time, without pg_stat_statements.
   */
  final class WaitSampler implements AutoCloseable {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;

    WaitSampler() {
      thread = new Thread(this::loop, "bench-wait-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      try (Connection c = DriverManager.getConnection(url(), USER, "");
          Statement s = c.createStatement()) {
        while (running.get()) {
          try (ResultSet rs = s.executeQuery("select coalesce(wait_event_type, 'CPU'), coalesce(wait_event, '-')"
              + " from pg_stat_activity where datname = current_database() and state = 'active'"
              + " and pid <> pg_backend_pid()")) {
            while (rs.next()) {
              counts.computeIfAbsent(rs.getString(1) + ":" + rs.getString(2), k -> new AtomicInteger())
                  .incrementAndGet();
            }
          }
          samples.incrementAndGet();
          Thread.sleep(100);
        }
      } catch (Exception e) {
        // sampling is an aid, not a figure
      }
    }

    /** "CPU:- 1.3, Client:ClientRead 0.4 ..." average active sessions per wait event, most first. */
    String summary() {
      int n = Math.max(1, samples.get());
      Map<String, Integer> snapshot = new HashMap<>();
      counts.forEach((k, v) -> snapshot.put(k, v.get()));
      double active = snapshot.values().stream().mapToInt(Integer::intValue).sum() / (double) n;
      StringBuilder b = new StringBuilder(String.format("avg active sessions %.2f:", active));
      snapshot.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(6)
          .forEach(e -> b.append(String.format(" %s %.2f", e.getKey(), e.getValue() / (double) n)));
      return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(2000);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing anyway
    }
    if (Boolean.getBoolean("bench.keepDatabase")) {
      System.out.println("database kept: " + name);
      return;
    }
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      System.out.println("could not drop " + name + ": " + e.getMessage());
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
  }

  private static String env(String key, String fallback) {
    String v = System.getenv(key);
    return v == null || v.isBlank() ? fallback : v;
  }
}
