package com.peakcare.reminder;

import static com.peakcare.reminder.ReminderFixtures.daytime;
import static com.peakcare.reminder.ReminderFixtures.orderNo;
import static com.peakcare.reminder.ReminderFixtures.unpaid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.peakcare.PeakCareTest;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticePeers;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.notice.NoticeWithheld;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.reminder.ReminderRepository.Step;
import com.peakcare.support.Http;
import com.peakcare.support.Race;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A buyer in the hold-out gets nothing from any channel, whichever door asks (the shop's registration, the batch, the
 * poller, the notice service called directly, a reminder already in the outbox, the engine's REST API, a call), and a
 * payment racing a due reminder never lets one reach the paid buyer.
 */
@PeakCareTest
class ReminderHoldoutTest {

  @LocalServerPort int port;
  @Autowired com.peakcare.notice.NoticeOutboxPoller noticePoller;
  @Autowired ReminderCampaigns campaigns;
  @Autowired ReminderPoller poller;
  @Autowired ReminderSender sender;
  @Autowired ReminderRepository repository;
  @Autowired NoticeService notices;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  final WireMockServer sms = NoticePeers.sms();
  Http http;
  ReminderFixtures fx;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    fx = new ReminderFixtures(http, campaigns);
  }

  @Test
  void shouldStoreEachBuyersGroupOnceAndKeepItOverOrdersAndAChangedShare() {
    Campaign c = fx.campaign("0.5");
    String held = ReminderFixtures.buyerIn(c, Holdout.HOLDOUT);
    String a = orderNo();
    fx.register(a, unpaid(held, "REGULAR", "PROFIT", "HOME", "120.00", Instant.now()));
    // the stored group wins even where the hash would now say otherwise (a tier share added later, another tier)
    jdbc.update("update PC_REMINDER_CAMPAIGN set HOLDOUT_SHARE = 0 where CAMPAIGN_ID = ?", c.id());
    campaigns.refresh();
    String b = orderNo();
    fx.register(b, unpaid(held, "VIP", "PROFIT", "HOME", "90.00", Instant.now()));

    assertThat(List.of(repository.order(a).orElseThrow().group(), repository.order(b).orElseThrow().group()))
        .containsOnly(Holdout.HOLDOUT);
    assertThat(repository.steps(a)).extracting(Step::state).containsOnly("WITHHELD");
  }

  @Test
  void shouldSendAHoldOutBuyerNothingThroughAnyDoor() throws Exception {
    Campaign c = fx.campaign("0.5");
    String held = ReminderFixtures.buyerIn(c, Holdout.HOLDOUT);
    String reminded = ReminderFixtures.buyerIn(c, Holdout.REMINDED);
    // door 1: the shop registers one order by PUT and a VIP's large one (a call) and a control in a batch
    String put = orderNo();
    fx.register(put, unpaid(held, "REGULAR", "CAMPAIGN", "APPAREL", "299.00", Instant.now()));
    String vip = orderNo();
    String control = orderNo();
    HttpResponse<String> batch = http.post("/api/orders/batch", "shop1", "{\"orders\":[{\"orderNo\":\"" + vip
        + "\",\"order\":" + unpaid(held, "VIP", "EXCLUSIVE", "BEAUTY", "1299.00", Instant.now()) + "},{\"orderNo\":\""
        + control + "\",\"order\":" + unpaid(reminded, "REGULAR", "CAMPAIGN", "APPAREL", "299.00", Instant.now())
        + "}]}");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
    assertThat(batch.body()).contains("\"outcome\":\"CREATED\"");

    // door 2: the poller when everything is due, twice
    poller.runOnce(daytime(Duration.ofHours(1)));
    poller.runOnce(daytime(Duration.ofHours(30)).plus(Duration.ofHours(40)));

    for (String no : List.of(put, vip)) {
      assertThat(repository.steps(no)).as(no).extracting(Step::state).containsOnly("WITHHELD");
      assertThat(notices.noticesOf(no)).as(no).isEmpty();
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).count()).isZero();
    }
    assertThat(notices.noticesOf(control)).as("the reminded buyer's control order").isNotEmpty();

    // door 3: the notice service called directly, by any feature, with or without a dedup key
    NoticeCustomer customer = new NoticeCustomer("陈静", "13900000000", null, "zh-CN", "浙江");
    Map<String, Object> values = Map.of(NoticeVariables.ORDER_NO, put, NoticeVariables.ITEMS, "轻薄羽绒服",
        NoticeVariables.ORDER_AMOUNT, 299, NoticeVariables.CLOSE_AT, Instant.now().plusSeconds(3600));
    assertThatThrownBy(() -> notices.send(put, NoticeType.PAYMENT_REMINDER, customer, values))
        .isInstanceOf(NoticeWithheld.class).hasMessageContaining("hold-out");
    assertThatThrownBy(() -> notices.sendOnceOver(put, NoticeType.PAYMENT_REMINDER_LAST, "x", customer, values,
        List.of("SMS"))).isInstanceOf(NoticeWithheld.class);
    assertThatThrownBy(() -> notices.send("NOT-IN-ANY-PLAN", NoticeType.PAYMENT_REMINDER, customer, values))
        .isInstanceOf(NoticeWithheld.class);
    assertThat(notices.noticesOf(put)).isEmpty();

    // door 4: a reminder already in the outbox (written before, or by a bug) is withheld when it is to leave
    String key = put + ":PAYMENT_REMINDER:99";
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into PC_NOTICE (NOTICE_KEY, CASE_REF, NOTICE_TYPE, SEQ_NO, LOCALE, SUBJECT, BODY,"
        + " CUSTOMER_PHONE, CREATED_AT) values (?, ?, 'PAYMENT_REMINDER', 99, 'zh-CN', 's', '陈静，您好', '13900000000', ?)",
        key, put, now);
    jdbc.update("insert into PC_NOTICE_DELIVERY (NOTICE_KEY, CHANNEL, STATUS, ATTEMPTS, UPDATED_AT, NEXT_ATTEMPT_AT,"
        + " ATTEMPTS_LEFT) values (?, 'SMS', 'PENDING', 0, ?, ?, 5)", key, now, now);
    noticePoller.runOnce(); // the outbox poller, as every node runs it
    assertThat(jdbc.queryForObject("select STATUS from PC_NOTICE_DELIVERY where NOTICE_KEY = ?", String.class, key))
        .isEqualTo("WITHHELD");
    assertThat(sms.getAllServeEvents()).noneMatch(e -> key.equals(e.getRequest().getHeader("Idempotency-Key")));
    // ... and by a notice-delivery instance (one of before the outbox, or peakcare.notice.delivery=process)
    String byProcess = put + ":PAYMENT_REMINDER:98";
    jdbc.update("insert into PC_NOTICE (NOTICE_KEY, CASE_REF, NOTICE_TYPE, SEQ_NO, LOCALE, SUBJECT, BODY,"
        + " CUSTOMER_PHONE, CREATED_AT) values (?, ?, 'PAYMENT_REMINDER', 98, 'zh-CN', 's', '陈静，您好', '13900000000', ?)",
        byProcess, put, now);
    jdbc.update("insert into PC_NOTICE_DELIVERY (NOTICE_KEY, CHANNEL, STATUS, ATTEMPTS, UPDATED_AT)"
        + " values (?, 'SMS', 'PENDING', 0, ?)", byProcess, now);
    ProcessInstance delivery = runtime.startProcessInstanceByKey("notice-delivery", byProcess);
    Job job = management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
    management.executeJob(job.getId());
    assertThat(jdbc.queryForObject("select STATUS from PC_NOTICE_DELIVERY where NOTICE_KEY = ?", String.class,
        byProcess)).isEqualTo("WITHHELD");
    assertThat(sms.getAllServeEvents()).noneMatch(e -> byProcess.equals(e.getRequest().getHeader("Idempotency-Key")));

    // door 5: the engine's REST API: nobody starts a call, nor a delivery, by hand
    for (String user : List.of("agent1", "cslead", "demo")) {
      HttpResponse<String> call = http.post("/engine-rest/process-definition/key/payment-reminder-call/start", user,
          "{\"businessKey\":\"" + put + "\"}");
      assertThat(call.statusCode()).as(user + ": " + call.body()).isIn(400, 403);
    }
    HttpResponse<String> deliver = http.post("/engine-rest/process-definition/key/notice-delivery/start", "cslead",
        "{\"businessKey\":\"" + key + "\"}");
    assertThat(deliver.statusCode()).as(deliver.body()).isIn(400, 403);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(put).count()).isZero();
  }

  @Test
  void shouldNeverRemindAnOrderPaidWhileItsReminderWasDue() throws Exception {
    Campaign c = fx.campaign("0");
    Instant at = daytime(Duration.ofHours(1));
    List<String> orders = new ArrayList<>();
    Instant ordered = Instant.now();
    for (int i = 0; i < 6; i++) {
      String no = orderNo();
      fx.register(no, unpaid(ReminderFixtures.buyerIn(c, Holdout.REMINDED), "REGULAR", "PROFIT", "HOME", "88.00",
          ordered));
      orders.add(no);
    }
    for (String no : orders) {
      String buyer = repository.order(no).orElseThrow().buyerId();
      Race.of(2, i -> i == 0
          ? http.put("/api/orders/" + no, "shop1", ReminderFixtures.order(buyer, "REGULAR", "PAID", "PROFIT", "HOME",
              "88.00", ordered, ordered.plusSeconds(600))).statusCode()
          : sender.send(no, 1, at).ordinal());
    }
    for (String no : orders) {
      assertThat(repository.order(no).orElseThrow().state()).isEqualTo("PAID");
      Step first = repository.step(no, 1).orElseThrow();
      assertThat(first.state()).as(no).isIn("CANCELLED", "SENT");
      noticePoller.runOnce();
      for (Notice n : notices.noticesOf(no)) { // recorded before the payment committed: withheld when it is to leave
        assertThat(notices.noticesOf(no)).singleElement().satisfies(after -> assertThat(after.delivery("SMS"))
            .hasValueSatisfying(d -> assertThat(d.status()).isEqualTo("WITHHELD")));
        assertThat(sms.getAllServeEvents()).noneMatch(e -> n.key().equals(e.getRequest().getHeader("Idempotency-Key")));
      }
    }
  }

  @Test
  void shouldWithholdAReminderRecordedJustBeforeThePaymentAndCancelOneDueAfterIt() {
    Campaign c = fx.campaign("0");
    Instant at = daytime(Duration.ofHours(1));
    Instant ordered = Instant.now();
    String first = orderNo();
    String buyer = ReminderFixtures.buyerIn(c, Holdout.REMINDED);
    fx.register(first, unpaid(buyer, "REGULAR", "PROFIT", "HOME", "88.00", ordered));
    assertThat(sender.send(first, 1, at)).isEqualTo(ReminderSender.Outcome.SENT);
    fx.register(first, ReminderFixtures.order(buyer, "REGULAR", "PAID", "PROFIT", "HOME", "88.00", ordered,
        ordered.plusSeconds(600)));
    noticePoller.runOnce();
    assertThat(notices.noticesOf(first).get(0).delivery("SMS")).hasValueSatisfying(d -> assertThat(d.status())
        .isEqualTo("WITHHELD"));

    String second = orderNo();
    String other = ReminderFixtures.buyerIn(c, Holdout.REMINDED);
    fx.register(second, unpaid(other, "REGULAR", "PROFIT", "HOME", "88.00", ordered));
    fx.register(second, ReminderFixtures.order(other, "REGULAR", "PAID", "PROFIT", "HOME", "88.00", ordered,
        ordered.plusSeconds(600)));
    assertThat(sender.send(second, 1, at)).isEqualTo(ReminderSender.Outcome.GONE);
    assertThat(repository.step(second, 1).orElseThrow().state()).isEqualTo("CANCELLED");
    assertThat(notices.noticesOf(second)).isEmpty();
  }
}
