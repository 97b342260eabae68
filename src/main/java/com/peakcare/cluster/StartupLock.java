package com.peakcare.cluster;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the start-up bootstraps (groups, authorizations, the administrator, demo users) take turns when several
 * nodes start at the same moment on the same database. Each bootstrap reads ("does this group exist?") and then
 * writes; two nodes doing that together on an empty database both see nothing and one dies on a duplicate key.
 * On PostgreSQL the work runs in one transaction holding a transaction-scoped advisory lock, so the second node
 * waits, then sees the first node's rows (READ COMMITTED) and writes nothing twice. The embedded H2 file database
 * serves a single node, so there the work just runs in one transaction.
 */
@Component
public class StartupLock {

  /** Any fixed number, the same on every node: "PeakCare start-up bootstrap". */
  static final long KEY = 0x5045414B43415245L; // "PEAKCARE"

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final boolean postgres;

  StartupLock(DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(transactionManager);
    this.postgres = NodeTurns.isPostgres(dataSource);
  }

  /** Runs the work in one transaction, alone among the nodes that share the database. */
  public void run(Runnable work) {
    transaction.executeWithoutResult(status -> {
      if (postgres) {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> {}, KEY);
      }
      work.run();
    });
  }
}
