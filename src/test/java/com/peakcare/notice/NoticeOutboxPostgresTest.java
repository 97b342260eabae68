package com.peakcare.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.peakcare.PeakCareApplication;
import com.peakcare.support.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two outbox pollers racing on the real PostgreSQL server (as two nodes' pollers do): their claims ({@code for update
 * skip locked}) split the due rows, and every SMS reaches the real HTTP gateway stub once.
 */
@Tag("own-jvm")
class NoticeOutboxPostgresTest {

  private static final int NOTICES = 400;

  @Test
  void twoPollersRacingSendEachChannelOnce() throws Exception {
    WireMockServer sms = NoticePeers.sms();
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.admin.user=boss", "--peakcare.admin.password=Peak-Care-2026!",
                "--peakcare.notice.poller.enabled=false", "--peakcare.notice.poller.batch=25",
                "--peakcare.notice.sms.enabled=true", "--peakcare.notice.sms.url=" + sms.baseUrl()
                    + NoticePeers.SMS_PATH, "--peakcare.notice.sms.api-key=" + NoticePeers.SMS_API_KEY)) {
      NoticeService notices = app.getBean(NoticeService.class);
      String run = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < NOTICES; i++) {
        String caseRef = "R-RACE-" + run + "-" + i;
        NoticeCustomer customer = new NoticeCustomer("周杰", NoticeTestData.aPhone(), null, "zh-CN", "福建省");
        keys.add(notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
            Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-RACE-" + run)).key());
      }
      StubMapping slow = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
          .withRequestBody(matchingJsonPath("$.text", containing("O-RACE-" + run)))
          .willReturn(aResponse().withStatus(200).withFixedDelay(20)));
      NoticeOutboxPoller first = app.getBean(NoticeOutboxPoller.class);
      NoticeOutboxPoller second = new NoticeOutboxPoller(app.getBean(NoticeOutbox.class),
          app.getBean(NoticeDispatcher.class), app.getBean(NoticeProperties.class));
      List<Map<NoticeDispatcher.Outcome, Integer>> tallies = new ArrayList<>();
      try {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Map<NoticeDispatcher.Outcome, Integer>>> runs = new ArrayList<>();
        for (NoticeOutboxPoller p : List.of(first, second)) {
          runs.add(two.submit(() -> {
            together.await();
            return p.runOnce();
          }));
        }
        for (Future<Map<NoticeDispatcher.Outcome, Integer>> f : runs) {
          tallies.add(f.get(120, TimeUnit.SECONDS));
        }
        two.shutdown();
      } finally {
        sms.removeStub(slow);
        second.stop();
      }

      Map<String, Long> perKey = sms.getAllServeEvents().stream()
          .map(e -> e.getRequest().getHeader("Idempotency-Key"))
          .filter(k -> k != null && keys.contains(k))
          .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
      assertThat(perKey).as("SMS per notice at the gateway").hasSize(NOTICES)
          .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS = 'SENT'"
          + " and NOTICE_KEY like ?", Integer.class, "R-RACE-" + run + "-%")).isEqualTo(NOTICES);
      assertThat(tallies).as("both pollers sent, the rows split between them (skip locked), none sent by both")
          .allSatisfy(t -> assertThat(t.getOrDefault(NoticeDispatcher.Outcome.SENT, 0)).isPositive());
      assertThat(tallies.get(0).getOrDefault(NoticeDispatcher.Outcome.SENT, 0)
          + tallies.get(1).getOrDefault(NoticeDispatcher.Outcome.SENT, 0)).isEqualTo(NOTICES);
      assertThat(app.getBean(RuntimeService.class).createProcessInstanceQuery()
          .processDefinitionKey(NoticeDeliveryProcess.KEY).count()).as("no process instance per notice").isZero();
    }
  }
}
