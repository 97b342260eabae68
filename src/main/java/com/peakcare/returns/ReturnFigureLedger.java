package com.peakcare.returns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The dashboard's expensive counts of return cases kept as they change (issue 25, scale; docs/dashboard.md "Kept
 * figures"): open cases by status, by type and by agent and status, and cases opened per hour by the policy's
 * decision. {@link ReturnCaseRepository} tells it every change of a case's status, assignee or decision in the
 * transaction of the change; it inserts +1 for what the case counts in now and -1 for what it counted in before
 * (table PC_RETURN_FIGURE, append-only). A figure is the sum of its rows.
 *
 * <p>Append-only, not one counter row per figure: every open adds 1 to "OPEN" and to its hour, so an updated counter
 * row would make concurrent opens wait for each other's commit (issue 23 cares about open throughput); inserts of
 * new rows never wait. {@link ReturnFigureKeeper} folds the rows into one per key now and then and rebuilds them from
 * the cases (the recount).
 */
@Repository
class ReturnFigureLedger {

  static final String STATUS = "S";
  static final String TYPE = "T";
  static final String AGENT = "A";
  static final String HOUR = "H";

  /** What of a case the kept figures count: its status, type, assignee, hour of opening and policy decision. */
  record Shape(String status, String type, String assignee, Instant createdAt, String outcome) {

    boolean open() {
      return ReturnFigures.OPEN.contains(status);
    }
  }

  /** One key of the kept figures. */
  record Key(String kind, long hour, String k1, String k2) {}

  private final JdbcTemplate jdbc;

  ReturnFigureLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A case was opened in this shape. */
  void opened(Shape shape) {
    changed(null, shape);
  }

  /**
   * A case changed from {@code before} to {@code after} (either may be null: not there). In a transaction the changes
   * are summed and written once, just before it commits (issue 23: an open inserted the case, then changed its
   * policy, agent and status, four inserts of rows that mostly cancelled each other); outside one, at once.
   */
  void changed(Shape before, Shape after) {
    Map<Key, Long> pending = pending();
    boolean now = pending == null;
    Map<Key, Long> delta = now ? new LinkedHashMap<>() : pending;
    if (before != null) {
      keys(before).forEach(k -> delta.merge(k, -1L, Long::sum));
    }
    if (after != null) {
      keys(after).forEach(k -> delta.merge(k, 1L, Long::sum));
    }
    if (now) {
      write(delta);
    }
  }

  /** The sums of this transaction's changes, written before it commits (null: no transaction). */
  @SuppressWarnings("unchecked")
  private Map<Key, Long> pending() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Map<Key, Long> pending = (Map<Key, Long>) TransactionSynchronizationManager
        .getResource(this);
    if (pending == null) {
      Map<Key, Long> fresh = new LinkedHashMap<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              write(fresh);
            }

            @Override
            public void suspend() {
              TransactionSynchronizationManager.unbindResourceIfPossible(
                  ReturnFigureLedger.this);
            }

            @Override
            public void resume() {
              TransactionSynchronizationManager.bindResource(
                  ReturnFigureLedger.this, fresh);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(
                  ReturnFigureLedger.this);
            }
          });
      pending = fresh;
    }
    return pending;
  }

  private void write(Map<Key, Long> sums) {
    Map<Key, Long> delta = new LinkedHashMap<>(sums);
    sums.clear();
    delta.values().removeIf(n -> n == 0);
    if (delta.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("insert into PC_RETURN_FIGURE (KIND, HR, K1, K2, N) values ");
    List<Object> args = new ArrayList<>();
    delta.forEach((k, n) -> {
      sql.append(args.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?)");
      args.add(k.kind());
      args.add(k.hour());
      args.add(k.k1());
      args.add(k.k2());
      args.add(n);
    });
    jdbc.update(sql.toString(), args.toArray());
  }

  /** The keys a case in this shape counts in. */
  static List<Key> keys(Shape s) {
    List<Key> keys = new ArrayList<>(4);
    if (s.open()) {
      keys.add(new Key(STATUS, 0, s.status(), ""));
      keys.add(new Key(TYPE, 0, Objects.requireNonNullElse(s.type(), ""), ""));
      keys.add(new Key(AGENT, 0, Objects.requireNonNullElse(s.assignee(), ""), s.status()));
    }
    if (s.createdAt() != null) {
      keys.add(new Key(HOUR, epochHour(s.createdAt()), Objects.requireNonNullElse(s.outcome(), ""), ""));
    }
    return keys;
  }

  static long epochHour(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 3600);
  }

  /** The shape of a case as it is now, its row locked until this transaction ends (empty: no such case). */
  java.util.Optional<Shape> lock(String returnNo) {
    return jdbc.query("select STATUS, CASE_TYPE, ASSIGNEE, CREATED_AT, POLICY_OUTCOME from PC_RETURN_CASE"
        + " where RETURN_NO = ? for update", (rs, i) -> new Shape(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5)), returnNo).stream().findFirst();
  }

}
