package com.peakcare.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.peakcare.PeakCareApplication;
import com.peakcare.notice.NoticeDeliveryProcess;
import com.peakcare.notice.NoticePeers;
import com.peakcare.returns.LogisticsDelayBroadcast.Status;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.order.MemberTier;
import com.peakcare.order.OrderSnapshot;
import com.peakcare.order.OrderStatus;
import com.peakcare.order.PaymentMethod;
import com.peakcare.order.ProductType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.support.PostgresDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 13 on the real PostgreSQL server, production profile, at the production batch size (200): a broadcast to
 * 600 customers whose node stops mid-way. Node A fixes the cases, runs the first batch, fails the second half-way
 * (one case's order gone: the batch's transaction rolls back after 100 notices), takes the job again and stops while
 * holding its lock. Node B, started afterwards with its job executor on, takes the job once the lock expired and
 * finishes the broadcast; every customer's SMS reaches the gateway exactly once (counted per Idempotency-Key at the
 * gateway stub).
 */
@Tag("own-jvm")
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class LogisticsDelayPostgresTest {

  private static final Logger log = LoggerFactory.getLogger(LogisticsDelayPostgresTest.class);
  private static final int CASES = 600;
  private static final String COURIER = "YUNDA";

  @Test
  void aBroadcastTo600CustomersSurvivesANodeStoppingMidWayAndTellsEachOnce() throws Exception {
    WireMockServer sms = NoticePeers.sms();
    try (PostgresDatabase db = PostgresDatabase.create()) {
      String id;
      String second;
      String secondOrder;
      try (ConfigurableApplicationContext a = node(db, "node-a", false)) {
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        long t0 = System.nanoTime();
        List<String> returnNos = seed(a);
        log.info("seeded {} travelling cases (+20 not hit) in {} ms", CASES, ms(t0));
        second = returnNos.get(200 + 100); // the middle of the second batch
        secondOrder = jdbc.queryForObject("select ORDER_NO from PC_RETURN_CASE where RETURN_NO = ?", String.class,
            second);

        LogisticsDelayBroadcasts broadcasts = a.getBean(LogisticsDelayBroadcasts.class);
        long t1 = System.nanoTime();
        LogisticsDelayBroadcast started = broadcasts.start(COURIER, List.of("浙江", "上海"), 2, "WEATHER", "cslead", null);
        log.info("broadcast {} started in {} ms: {} matched", started.id(), ms(t1), started.matched());
        assertThat(started.matched()).isEqualTo(CASES);
        assertThat(started.status()).isEqualTo(Status.RUNNING);
        id = started.id();

        ManagementService management = a.getBean(ManagementService.class);
        long t = System.nanoTime();
        management.executeJob(batchJob(management, started.processInstanceId()).getId());
        log.info("batch 1 of 200 on node A in {} ms", ms(t));
        assertThat(broadcasts.view(id, null).queued()).isEqualTo(200);

        jdbc.update("update PC_RETURN_CASE set ORDER_NO = ? where RETURN_NO = ?", "O-GONE", second);
        Job job = batchJob(management, started.processInstanceId());
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining(second);
        assertThat(broadcasts.view(id, null).queued()).as("the second batch rolled back whole").isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE where NOTICE_TYPE = 'LOGISTICS_DELAY'",
            Integer.class)).isEqualTo(200);
        jdbc.update("update PC_RETURN_CASE set ORDER_NO = ? where RETURN_NO = ?", secondOrder, second);
        // as if A had taken the job again and stopped while running it: locked by A for another 5 s
        jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = 'node-a', LOCK_EXP_TIME_ = ?, DUEDATE_ = ? where ID_ = ?",
            java.sql.Timestamp.from(Instant.now().plusSeconds(5)), java.sql.Timestamp.from(Instant.now()),
            job.getId());
      }

      try (ConfigurableApplicationContext b = node(db, "node-b", true)) {
        LogisticsDelayBroadcasts broadcasts = b.getBean(LogisticsDelayBroadcasts.class);
        RuntimeService runtime = b.getBean(RuntimeService.class);
        JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
        long t2 = System.nanoTime();
        await(Duration.ofMinutes(2), () -> broadcasts.view(id, null).status() == Status.DONE);
        log.info("node B finished the broadcast {} ms after it started (the job was locked by A for 5 s)", ms(t2));
        await(Duration.ofMinutes(3), () -> jdbc.queryForObject("select count(*) from PC_NOTICE_DELIVERY where"
            + " STATUS <> 'SENT'", Integer.class) == 0);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(NoticeDeliveryProcess.KEY).count())
            .as("the outbox poller delivers: no process instance per notice").isZero();
        log.info("node B delivered every SMS {} ms after it started", ms(t2));

        LogisticsDelayBroadcast done = broadcasts.view(id, null);
        assertThat(done.matched()).isEqualTo(CASES);
        assertThat(done.queued()).isEqualTo(CASES);
        assertThat(done.remaining()).isZero();
        assertThat(done.sent()).isEqualTo(CASES);
        assertThat(done.failed()).isZero();
        Map<String, Integer> perCase = jdbc.query("select CASE_REF, count(*) from PC_NOTICE"
                + " where NOTICE_TYPE = 'LOGISTICS_DELAY' group by CASE_REF",
            rs -> {
              Map<String, Integer> m = new java.util.HashMap<>();
              while (rs.next()) {
                m.put(rs.getString(1), rs.getInt(2));
              }
              return m;
            });
        assertThat(perCase).hasSize(CASES).allSatisfy((c, n) -> assertThat(n).as(c).isEqualTo(1));
        assertThat(perCase).doesNotContainKey("R-PG-OUT-00001");
        Map<String, Long> smsPerKey = sms.findAll(postRequestedFor(urlPathEqualTo(NoticePeers.SMS_PATH))).stream()
            .map(r -> r.getHeader("Idempotency-Key"))
            .filter(k -> k != null && k.contains(":LOGISTICS_DELAY:"))
            .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(smsPerKey).hasSize(CASES).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));

        long t3 = System.nanoTime();
        LogisticsDelayBroadcast repeat = broadcasts.start(COURIER, List.of("上海", "浙江"), 2, "WEATHER", "shop1",
            "shop1");
        log.info("the repeat answered in {} ms: {} already notified, status {}", ms(t3), repeat.alreadyNotified(),
            repeat.status());
        assertThat(repeat.repeatOf()).isEqualTo(id);
        assertThat(repeat.status()).isEqualTo(Status.DONE);
        assertThat(repeat.alreadyNotified()).isEqualTo(CASES);
        assertThat(repeat.queued()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE where NOTICE_TYPE = 'LOGISTICS_DELAY'",
            Integer.class)).isEqualTo(CASES);
      }
    }
  }

  private static ConfigurableApplicationContext node(PostgresDatabase db, String name, boolean jobExecutor) {
    return new SpringApplicationBuilder(PeakCareApplication.class).profiles("postgres").run(
        "--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
        "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=" + jobExecutor,
        "--peakcare.notice.poller.enabled=" + jobExecutor, // the node that works in the background, or not at all
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--peakcare.admin.user=boss", "--peakcare.admin.password=Peak-Care-2026!",
        "--peakcare.logistics-delay.retry-cycle=R5/PT1S",
        "--peakcare.notice.sms.enabled=true", "--peakcare.notice.sms.url=" + NoticePeers.sms().baseUrl()
            + NoticePeers.SMS_PATH, "--peakcare.notice.sms.api-key=" + NoticePeers.SMS_API_KEY);
  }

  /**
   * 600 cases whose parcel travels with the courier to 浙江 or 上海, and 20 to 江苏, each on an order of its own
   * (registered by shop1: the notices reach the order's contact); case rows only, no process.
   */
  private static List<String> seed(ConfigurableApplicationContext node) {
    ReturnCaseRepository repository = node.getBean(ReturnCaseRepository.class);
    com.peakcare.order.Orders orders = node.getBean(com.peakcare.order.Orders.class);
    TransactionTemplate tx = new TransactionTemplate(node.getBean(PlatformTransactionManager.class));
    List<String> hit = new java.util.ArrayList<>();
    Instant ordered = Instant.now().minus(5, ChronoUnit.DAYS);
    List<com.peakcare.order.Orders.Registration> registrations = new java.util.ArrayList<>();
    for (int i = 1; i <= CASES + 20; i++) {
      boolean isHit = i <= CASES;
      String returnNo = String.format(isHit ? "R-PG-%05d" : "R-PG-OUT-%05d", isHit ? i : i - CASES);
      String province = !isHit ? "江苏" : i % 2 == 0 ? "浙江" : "上海";
      registrations.add(new com.peakcare.order.Orders.Registration("O-" + returnNo, new OrderSnapshot("B-" + i,
          MemberTier.REGULAR, OrderStatus.PAID, ordered, ordered.plusSeconds(60), new BigDecimal("90.00"),
          PaymentMethod.ALIPAY, new OrderSnapshot.Contact("张伟", String.format("138%08d", i), null, "zh-CN"), province,
          List.of(new OrderSnapshot.Line("SKU-1", "运动鞋", "SHOES", ProductType.PHYSICAL, 1, new BigDecimal("90.00"))))));
    }
    orders.register(registrations, "shop1");
    tx.executeWithoutResult(s -> {
      for (int i = 1; i <= CASES + 20; i++) {
        boolean isHit = i <= CASES;
        String returnNo = String.format(isHit ? "R-PG-%05d" : "R-PG-OUT-%05d", isHit ? i : i - CASES);
        String province = !isHit ? "江苏" : i % 2 == 0 ? "浙江" : "上海";
        ReturnRequest r = new ReturnRequest(returnNo, "O-" + returnNo, CaseType.EXCHANGE, Reason.WRONG_SIZE,
            List.of(new ReturnRequest.Line("SKU-1", 1)), Instant.now().minus(2, ChronoUnit.DAYS), null, null);
        CaseFacts facts = new CaseFacts("B-" + i, "ALIPAY", List.of(new CaseFacts.Item("SKU-1", "运动鞋", "SHOES",
            "PHYSICAL", 1, new BigDecimal("90.00"))));
        Instant now = Instant.now();
        repository.insert(new ReturnCaseRepository.CaseRow(returnNo, r.orderNo(), r.type().name(),
            r.reason().name(), new BigDecimal("90.00"), "B-" + i, MemberTier.REGULAR.name(), province,
            RequestFingerprint.hash(r), RequestFingerprint.json(r), com.peakcare.web.Fingerprints.json(facts), null,
            ReturnCaseProcess.Status.INSPECTING, "AUTO_APPROVE", "agent1", "shop1", now, now,
            ReturnCaseRepository.Refund.NONE, ReturnCaseRepository.Progress.NONE,
            new ReturnCaseRepository.Deciders(false, null, null, null, null, null, null)));
        repository.updateShipment(returnNo, COURIER, "YD" + returnNo);
        if (isHit) {
          hit.add(returnNo);
        }
      }
    });
    return hit;
  }

  private static Job batchJob(ManagementService management, String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  private static void await(Duration limit, BooleanSupplier done) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("not done within " + limit);
      }
      Thread.sleep(250);
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
