package com.peakcare.reminder;

import static com.peakcare.reminder.ReminderFixtures.daytime;
import static com.peakcare.reminder.ReminderFixtures.unpaid;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.peakcare.PeakCareApplication;
import com.peakcare.notice.NoticePeers;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.reminder.ReminderRepository.Step;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment reminders' hot paths on the real PostgreSQL server with two nodes of the application on one database
 * (issue 22): enrolment from both nodes at once (a buyer's two orders, registered together, share one stored group);
 * the pollers of both nodes claiming the due steps together ({@code for update skip locked}: disjoint claims, no step
 * sent twice, the hold-out never); and payments racing due reminders: no SMS ever leaves for a paid order.
 */
@Tag("own-jvm")
class ReminderPostgresTest {

  private static final int BUYERS = 60;

  @Test
  void enrolmentTwoPollersAndPaymentsRacingRemindersOnPostgres() throws Exception {
    WireMockServer sms = NoticePeers.sms();
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext a = node(db, "node-a");
        ConfigurableApplicationContext b = node(db, "node-b")) {
      Http httpA = new Http(port(a));
      Http httpB = new Http(port(b));
      ReminderCampaigns campaignsA = a.getBean(ReminderCampaigns.class);
      JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
      ReminderRepository repository = a.getBean(ReminderRepository.class);
      Campaign c = new ReminderFixtures(httpA, campaignsA).campaign("0.2");
      b.getBean(ReminderCampaigns.class).refresh();

      // 1. enrolment: each buyer's two orders registered at the same moment, one through each node
      String run = UUID.randomUUID().toString().substring(0, 6);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> registered = new ArrayList<>();
      Instant ordered = Instant.now();
      for (int i = 0; i < BUYERS; i++) {
        String buyer = "pg-" + run + "-" + i;
        for (int k = 0; k < 2; k++) {
          Http http = k == 0 ? httpA : httpB;
          String no = "PG-" + run + "-" + i + "-" + k;
          registered.add(pool.submit(() -> {
            go.await();
            new ReminderFixtures(http, null).register(no, unpaid(buyer, "REGULAR", "PROFIT", "HOME", "199.00",
                ordered));
            return null;
          }));
        }
      }
      go.countDown();
      for (Future<?> f : registered) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(count(jdbc, "select count(*) from PC_REMINDER_ORDER where CAMPAIGN_ID = ?", c.id()))
          .isEqualTo(2 * BUYERS);
      assertThat(count(jdbc, "select count(*) from PC_REMINDER_ASSIGNMENT where CAMPAIGN_ID = ?", c.id()))
          .isEqualTo(BUYERS);
      assertThat(count(jdbc, "select count(*) from (select BUYER_ID from PC_REMINDER_ORDER where CAMPAIGN_ID = ?"
          + " group by BUYER_ID having count(distinct GRP) > 1) x", c.id())).as("a buyer in two groups").isZero();
      assertThat(count(jdbc, "select count(*) from PC_REMINDER_STEP s join PC_REMINDER_ORDER o on o.ORDER_NO ="
          + " s.ORDER_NO where o.CAMPAIGN_ID = ?", c.id())).isEqualTo(4 * BUYERS);
      long heldOut = count(jdbc, "select count(*) from PC_REMINDER_ASSIGNMENT where CAMPAIGN_ID = ? and GRP = ?",
          c.id(), Holdout.HOLDOUT);
      assertThat(heldOut).as("about 20 %% of %d buyers", BUYERS).isBetween(2L, 30L);

      // 2. two transactions claiming at once take disjoint steps, the second without waiting for the first
      Instant t = daytime(Duration.ofHours(1));
      TransactionTemplate tx = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
      Set<String> first = new HashSet<>();
      Set<String> second = new HashSet<>();
      tx.executeWithoutResult(s -> {
        repository.claimDue(t, t.plusSeconds(1), 10).forEach(step -> first.add(step.orderNo() + "/" + step.stepNo()));
        try {
          pool.submit(() -> tx.executeWithoutResult(s2 -> repository.claimDue(t, t.plusSeconds(1), 10)
              .forEach(step -> second.add(step.orderNo() + "/" + step.stepNo())))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the second claim waited for the first: " + e, e);
        }
        s.setRollbackOnly(); // give both claims back (the second committed a claim until t + 1 s)
      });
      assertThat(first).hasSize(10);
      assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);

      // both nodes' pollers at once: each due step once, one reminder per buyer (the fatigue cap), none held out
      Instant later = t.plusSeconds(2);
      Map<ReminderSender.Outcome, Integer> tally = new EnumMap<>(ReminderSender.Outcome.class);
      List<Future<Map<ReminderSender.Outcome, Integer>>> rounds = new ArrayList<>();
      for (ConfigurableApplicationContext node : List.of(a, b)) {
        rounds.add(pool.submit(() -> node.getBean(ReminderPoller.class).runOnce(later)));
      }
      for (Future<Map<ReminderSender.Outcome, Integer>> r : rounds) {
        r.get(120, TimeUnit.SECONDS).forEach((k, v) -> tally.merge(k, v, Integer::sum));
      }
      long reminded = BUYERS - heldOut;
      assertThat(tally.get(ReminderSender.Outcome.SENT)).isEqualTo((int) reminded);
      assertThat(count(jdbc, "select count(*) from PC_NOTICE n join PC_REMINDER_ORDER o on o.ORDER_NO = n.CASE_REF"
          + " where o.CAMPAIGN_ID = ?", c.id())).isEqualTo(reminded);
      assertThat(count(jdbc, "select count(*) from (select o.BUYER_ID from PC_NOTICE n join PC_REMINDER_ORDER o on"
          + " o.ORDER_NO = n.CASE_REF where o.CAMPAIGN_ID = ? group by o.BUYER_ID having count(*) > 1) x", c.id()))
          .as("a buyer reminded twice").isZero();
      assertThat(count(jdbc, "select count(*) from PC_NOTICE n join PC_REMINDER_ORDER o on o.ORDER_NO = n.CASE_REF"
          + " where o.CAMPAIGN_ID = ? and o.GRP = ?", c.id(), Holdout.HOLDOUT)).as("held out, yet noticed").isZero();
      assertThat(count(jdbc, "select count(*) from PC_REMINDER_STEP s join PC_REMINDER_ORDER o on o.ORDER_NO ="
          + " s.ORDER_NO where o.CAMPAIGN_ID = ? and s.STEP_NO = 1 and s.STATE = 'PENDING'", c.id()))
          .as("the second order of each reminded buyer waits for the cap").isEqualTo(reminded);

      // 3. payments racing due reminders: fresh buyers of the reminded group, paid while both pollers send
      Campaign racing = new ReminderFixtures(httpA, campaignsA).campaign("0");
      b.getBean(ReminderCampaigns.class).refresh();
      List<String> orders = new ArrayList<>();
      Instant orderedNow = Instant.now();
      for (int i = 0; i < BUYERS; i++) {
        String no = "PGR-" + run + "-" + i;
        new ReminderFixtures(httpA, null).register(no, unpaid("pgr-" + run + "-" + i, "REGULAR", "PROFIT", "HOME",
            "199.00", orderedNow));
        orders.add(no);
      }
      CountDownLatch race = new CountDownLatch(1);
      List<Future<?>> racers = new ArrayList<>();
      for (ConfigurableApplicationContext node : List.of(a, b)) {
        racers.add(pool.submit(call(() -> {
          race.await();
          return node.getBean(ReminderPoller.class).runOnce(later);
        })));
      }
      for (int i = 0; i < BUYERS; i++) {
        String no = orders.get(i);
        String buyer = "pgr-" + run + "-" + i;
        Http http = i % 2 == 0 ? httpA : httpB;
        racers.add(pool.submit(call(() -> {
          race.await();
          new ReminderFixtures(http, null).register(no, ReminderFixtures.order(buyer, "REGULAR", "PAID", "PROFIT",
              "HOME", "199.00", orderedNow, Instant.now()));
          return null;
        })));
      }
      race.countDown();
      for (Future<?> f : racers) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(count(jdbc, "select count(*) from PC_REMINDER_ORDER where CAMPAIGN_ID = ? and STATE = 'PAID'",
          racing.id())).isEqualTo(BUYERS);
      for (String no : orders) {
        assertThat(repository.steps(no)).extracting(Step::state).allMatch(s -> s.equals("SENT")
            || s.equals("CANCELLED"));
      }
      // what was recorded a moment before its payment committed is withheld where it leaves: no SMS to a paid order
      RuntimeService runtime = a.getBean(RuntimeService.class);
      List<String> keys = jdbc.queryForList("select n.NOTICE_KEY from PC_NOTICE n join PC_REMINDER_ORDER o on"
          + " o.ORDER_NO = n.CASE_REF where o.CAMPAIGN_ID = ?", String.class, racing.id());
      a.getBean(com.peakcare.notice.NoticeOutboxPoller.class).runOnce();
      b.getBean(com.peakcare.notice.NoticeOutboxPoller.class).runOnce();
      for (String key : keys) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(jdbc.queryForObject("select STATUS from PC_NOTICE_DELIVERY where NOTICE_KEY = ? and CHANNEL ="
            + " 'SMS'", String.class, key)).as(key).isEqualTo("WITHHELD");
      }
      assertThat(sms.getAllServeEvents()).noneMatch(e -> keys.contains(e.getRequest().getHeader("Idempotency-Key")));
    }
  }

  private static <T> Callable<T> call(Callable<T> c) {
    return c;
  }

  private static long count(JdbcTemplate jdbc, String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  private static ConfigurableApplicationContext node(PostgresDatabase db, String name) {
    return new SpringApplicationBuilder(PeakCareApplication.class).profiles("postgres").run(
        "--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
        "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generic-properties.properties.hostname=" + name, "--peakcare.demo=true",
        "--peakcare.reminders.poller.enabled=false", "--peakcare.notice.poller.enabled=false",
        "--peakcare.notice.sms.enabled=true", "--peakcare.notice.sms.url=" + NoticePeers.sms().baseUrl()
            + NoticePeers.SMS_PATH, "--peakcare.notice.sms.api-key=" + NoticePeers.SMS_API_KEY);
  }
}
