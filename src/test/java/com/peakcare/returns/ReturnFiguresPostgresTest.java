package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareApplication;
import com.peakcare.returns.ReturnCaseProcess.Outcome;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard's kept figures (issue 25, {@link ReturnFigureLedger}) on the real PostgreSQL server under a mixed
 * concurrent workload: cases opened over HTTP by the shop's system (the real open path: record, policy decision,
 * assignment, the status the process derives), while other threads change statuses (closing and cancelling too),
 * reassign agents and redo decisions on the same cases, and the fold jobs run all along. Afterwards every kept figure
 * equals a fresh count of PC_RETURN_CASE (and the orders' of PC_ORDER), and the recount rebuilds the same figures.
 */
@Tag("own-jvm")
class ReturnFiguresPostgresTest {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = RequestFingerprint.JSON;
  private static final int OPENERS = 4;
  private static final int CASES_EACH = 15;
  private static final int CHANGERS = 4;

  @Test
  void keptFiguresEqualAFreshCountAfterAConcurrentMixedWorkload() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--peakcare.demo=true", "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=false",
                "--peakcare.dashboard.fold-every=PT0S")) {
      Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());
      ReturnFigureKeeper keeper = app.getBean(ReturnFigureKeeper.class);
      com.peakcare.order.OrderFigureKeeper orderKeeper = app.getBean(com.peakcare.order.OrderFigureKeeper.class);
      ReturnCaseRepository repository = app.getBean(ReturnCaseRepository.class);
      TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(keeper.kept()).isEqualTo(keeper.fresh());

      List<String> opened = new CopyOnWriteArrayList<>();
      AtomicBoolean opening = new AtomicBoolean(true);
      AtomicInteger changes = new AtomicInteger();
      AtomicInteger folds = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(OPENERS + CHANGERS + 1);
      List<Future<?>> openers = new ArrayList<>();
      for (int t = 0; t < OPENERS; t++) {
        openers.add(pool.submit(() -> {
          for (int i = 0; i < CASES_EACH; i++) {
            ReturnRequest r = switch (i % 4) {
              case 0 -> ReturnRequests.aSmallRefund();
              case 1 -> ReturnRequests.aReturnForReview();
              case 2 -> ReturnRequests.anExchange();
              default -> ReturnRequests.withAssignee(ReturnRequests.aReturnForReview(), "agent1");
            };
            assertThat(http.put("/api/orders/" + r.orderNo(), "shop1",
                JSON.writeValueAsString(ReturnRequests.orderOf(r))).statusCode()).isEqualTo(201);
            assertThat(http.post("/api/returns", "shop1", JSON.writeValueAsString(r)).statusCode()).isEqualTo(201);
            opened.add(r.returnNo());
          }
          return null;
        }));
      }
      List<Future<?>> others = new ArrayList<>();
      Status[] statuses = Status.values();
      String[] agents = {"agent1", "agent2", null};
      for (int t = 0; t < CHANGERS; t++) {
        others.add(pool.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (opening.get() || changes.get() < 200) {
            if (opened.isEmpty()) {
              Thread.sleep(20);
              continue;
            }
            // a few cases near the end of the list: the ones the openers are still working on
            String no = opened.get(Math.max(0, opened.size() - 1 - random.nextInt(Math.min(opened.size(), 6))));
            int what = random.nextInt(3);
            tx.executeWithoutResult(s -> {
              switch (what) {
                case 0 -> repository.updateStatus(no, statuses[random.nextInt(statuses.length)]);
                case 1 -> repository.updateAssignee(no, agents[random.nextInt(agents.length)], "WORKLOAD");
                default -> repository.updatePolicy(no, random.nextBoolean() ? Outcome.AUTO_APPROVE.name()
                    : Outcome.REJECT.name());
              }
            });
            changes.incrementAndGet();
          }
          return null;
        }));
      }
      others.add(pool.submit(() -> {
        while (opening.get()) {
          if (keeper.fold() > 0) {
            folds.incrementAndGet();
          }
          orderKeeper.fold();
          Thread.sleep(30);
        }
        return null;
      }));
      for (Future<?> f : openers) {
        f.get(5, TimeUnit.MINUTES);
      }
      opening.set(false);
      for (Future<?> f : others) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      assertThat(opened).hasSize(OPENERS * CASES_EACH);
      assertThat(changes.get()).isGreaterThanOrEqualTo(200);
      assertThat(folds.get()).as("the fold ran during the workload").isPositive();
      Map<ReturnFigureLedger.Key, Long> fresh = keeper.fresh();
      assertThat(keeper.kept()).isEqualTo(fresh);
      assertThat(orderKeeper.kept()).as("the orders registered meanwhile, folded meanwhile")
          .isEqualTo(orderKeeper.fresh());
      // what the tile reads is that figure, and it is the cases' own count
      Map<String, Long> byStatus = new LinkedHashMap<>();
      jdbc.query("select STATUS, count(*) from PC_RETURN_CASE where STATUS in (" + String.join(",",
          ReturnFigures.OPEN.stream().map(s -> "'" + s + "'").toList()) + ") group by STATUS", rs -> {
            byStatus.put(rs.getString(1), rs.getLong(2));
          });
      assertThat(app.getBean(ReturnFigures.class).openByStatus()).isEqualTo(byStatus);
      long perHour = fresh.entrySet().stream().filter(e -> e.getKey().kind().equals(ReturnFigureLedger.HOUR))
          .mapToLong(Map.Entry::getValue).sum();
      assertThat(perHour).isEqualTo(OPENERS * CASES_EACH);

      // folded: one row per key, same sums; recounted: the same figures again
      keeper.fold();
      assertThat(jdbc.queryForObject("select count(*) from PC_RETURN_FIGURE", Long.class))
          .isEqualTo(fresh.size());
      assertThat(keeper.kept()).isEqualTo(fresh);
      jdbc.update("update PC_RETURN_CASE set STATUS = case when STATUS = 'OPEN' then 'INSPECTING' else 'OPEN' end"
          + " where RETURN_NO = ?", opened.get(0));
      assertThat(keeper.kept()).as("a change behind the ledger's back").isNotEqualTo(keeper.fresh());
      assertThat(keeper.recount()).isPositive();
      assertThat(keeper.kept()).isEqualTo(keeper.fresh());
    }
  }
}
