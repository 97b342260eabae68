package com.peakcare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.support.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The kept figures' turns on the real PostgreSQL (issue 25): while another node holds the turn's advisory lock, a
 * try skips (no work, no wait), and a wait runs the work once the other node's transaction ends, in a transaction
 * that began after it (so its snapshot sees what the other node committed).
 */
class NodeTurnsPostgresTest {

  private static final long LOCK = 0x5043544553544C4BL;

  @Test
  void aTurnSkipsWhileAnotherNodeHoldsItAndAWaitRunsOnceItIsFree() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create()) {
      DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), "");
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      jdbc.execute("create table T (N int)");
      NodeTurns turns = new NodeTurns("test figures", LOCK, jdbc, dataSource,
          new DataSourceTransactionManager(dataSource));
      assertThat(NodeTurns.isPostgres(dataSource)).isTrue();
      AtomicInteger ran = new AtomicInteger();

      try (Connection otherNode = DriverManager.getConnection(db.url(), db.user(), "")) {
        otherNode.setAutoCommit(false);
        otherNode.createStatement().execute("select pg_advisory_xact_lock(" + LOCK + ")");
        otherNode.createStatement().execute("insert into T values (1)");

        assertThat(turns.tryTurn(() -> ran.incrementAndGet())).isNull();
        assertThat(ran).hasValue(0);

        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> turns.awaitTurn(() -> {
          ran.incrementAndGet();
          return jdbc.queryForObject("select count(*) from T", Long.class);
        }));
        Thread.sleep(1000);
        assertThat(waited).isNotDone();
        otherNode.commit(); // the other node's turn ends, with its row

        assertThat(waited.get(30, TimeUnit.SECONDS)).as("rows the waiting turn saw").isEqualTo(1L);
        assertThat(ran).hasValue(1);
      }
      assertThat(turns.tryTurn(() -> "free")).isEqualTo("free");
    }
  }
}
