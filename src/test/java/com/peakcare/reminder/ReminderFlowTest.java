package com.peakcare.reminder;

import static com.peakcare.reminder.ReminderFixtures.daytime;
import static com.peakcare.reminder.ReminderFixtures.orderNo;
import static com.peakcare.reminder.ReminderFixtures.unpaid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.peakcare.PeakCareTest;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeDelivery;
import com.peakcare.notice.NoticePeers;
import com.peakcare.notice.NoticeService;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.reminder.ReminderRepository.Step;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Payment reminders from the shop's registration to the buyer's phone: an unpaid order gets the plan's steps, the due
 * one goes out once over the SMS gateway in Chinese with the buyer's name, items and close time; payment stops the
 * rest; small orders, opted-out buyers, the fatigue cap and quiet hours are kept.
 */
@PeakCareTest
class ReminderFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired com.peakcare.notice.NoticeOutboxPoller noticePoller;
  @Autowired ReminderCampaigns campaigns;
  @Autowired ReminderPoller poller;
  @Autowired ReminderRepository repository;
  @Autowired NoticeService notices;
  @Autowired RuntimeService runtime;
  final WireMockServer sms = NoticePeers.sms();
  Http http;
  ReminderFixtures fx;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    fx = new ReminderFixtures(http, campaigns);
  }

  @Test
  void shouldRemindAnUnpaidOrderOnceBySmsInChineseAndStopTheRestWhenItIsPaid() throws Exception {
    fx.campaign("0");
    String no = orderNo();
    Instant ordered = Instant.now();
    fx.register(no, unpaid("buyer-" + no, "REGULAR", "PROFIT", "HOME", "199.00", ordered));

    List<Step> planned = repository.steps(no);
    assertThat(planned).extracting(Step::channel, Step::template, Step::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("SMS", "PAYMENT_REMINDER", "PENDING"),
        org.assertj.core.groups.Tuple.tuple("SMS", "PAYMENT_REMINDER_LAST", "PENDING"));
    assertThat(planned.get(0).dueAt()).isCloseTo(ordered.plus(Duration.ofMinutes(30)),
        org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));

    poller.runOnce(daytime(Duration.ofHours(1)));
    poller.runOnce(daytime(Duration.ofHours(1))); // a second round (another node) sends nothing again

    Step first = repository.step(no, 1).orElseThrow();
    assertThat(first.state()).isEqualTo("SENT");
    List<Notice> sent = notices.noticesOf(no);
    assertThat(sent).singleElement().satisfies(n -> assertThat(n.text()).startsWith("陈静，您好！您在本店拍下的宝贝（轻薄羽绒服，共 ¥199.00）还未付款")
        .contains("自动关闭"));
    deliver(sent.get(0).key());
    List<ServeEvent> gateway = smsFor(sent.get(0).key());
    assertThat(gateway).hasSize(1);
    JsonNode body = JSON.readTree(gateway.get(0).getRequest().getBodyAsString());
    assertThat(body.path("text").asText()).contains("陈静").contains("轻薄羽绒服").contains("年");

    fx.register(no, ReminderFixtures.order("buyer-" + no, "REGULAR", "PAID", "PROFIT", "HOME", "199.00", ordered,
        ordered.plusSeconds(3600)));

    assertThat(repository.step(no, 2).orElseThrow().state()).isEqualTo("CANCELLED");
    assertThat(repository.order(no).orElseThrow().state()).isEqualTo("PAID");
    HttpResponse<String> plan = http.get("/api/reminders/orders/" + no, "setter1");
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(plan.body()).path("steps").get(1).path("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void shouldSkipSmallOrdersAndBuyersWhoOptedOutAndKeepTheOtherSteps() {
    fx.campaign("0");
    String small = orderNo();
    fx.register(small, unpaid("buyer-" + small, "REGULAR", "PROFIT", "HOME", "19.90", Instant.now()));
    String optedOut = orderNo();
    HttpResponse<String> flag = http.put("/api/reminders/buyers/buyer-" + optedOut + "/flag", "shop1",
        "{\"kind\":\"OPT_OUT\"}");
    assertThat(flag.statusCode()).isEqualTo(200);
    fx.register(optedOut, unpaid("buyer-" + optedOut, "GOLD", "CAMPAIGN", "APPAREL", "299.00", Instant.now()));

    assertThat(repository.order(small).orElseThrow()).extracting(ReminderRepository.OrderRow::state,
        ReminderRepository.OrderRow::skipReason).containsExactly("SKIPPED", "SMALL_ORDER");
    assertThat(repository.order(optedOut).orElseThrow().skipReason()).isEqualTo("OPT_OUT");
    assertThat(repository.steps(small)).isEmpty();
    assertThat(http.put("/api/reminders/buyers/buyer-x/flag", "agent1", "{\"kind\":\"OPT_OUT\"}").statusCode())
        .isEqualTo(403);
    assertThat(http.put("/api/reminders/buyers/buyer-x/flag", "shop1", "{\"kind\":\"MAYBE\"}").body())
        .contains("kind");
  }

  @Test
  void shouldRemindABuyerAtMostOnceInTwentyFourHoursAcrossOrders() {
    Campaign c = fx.campaign("0");
    String buyer = ReminderFixtures.buyerIn(c, Holdout.REMINDED);
    String a = orderNo();
    String b = orderNo();
    fx.register(a, unpaid(buyer, "REGULAR", "PROFIT", "HOME", "120.00", Instant.now()));
    fx.register(b, unpaid(buyer, "REGULAR", "PROFIT", "HOME", "80.00", Instant.now()));

    Instant at = daytime(Duration.ofHours(1));
    poller.runOnce(at);

    List<String> firsts = List.of(repository.step(a, 1).orElseThrow().state(),
        repository.step(b, 1).orElseThrow().state());
    assertThat(firsts).containsExactlyInAnyOrder("SENT", "PENDING");
    Step waiting = repository.step(firsts.get(0).equals("SENT") ? b : a, 1).orElseThrow();
    assertThat(waiting.dueAt()).isEqualTo(at.plus(Duration.ofHours(24)));
    assertThat(waiting.reason()).contains("fatigue cap");
  }

  @Test
  void shouldKeepSmsQuietAtNightInShopTime() {
    fx.campaign("0");
    String no = orderNo();
    fx.register(no, unpaid("buyer-" + no, "SILVER", "PROFIT", "HOME", "150.00", Instant.now()));

    Instant night = ReminderFixtures.night(Duration.ofHours(1));
    poller.runOnce(night);

    Step first = repository.step(no, 1).orElseThrow();
    assertThat(first.state()).isEqualTo("PENDING");
    assertThat(first.dueAt().atZone(ReminderFixtures.SHANGHAI).toLocalTime()).isEqualTo(java.time.LocalTime.of(8, 0));
    assertThat(notices.noticesOf(no)).isEmpty();
  }

  @Test
  void shouldPlanNothingOnceTheShopClosedTheOrderAndStopOnCancellation() {
    fx.campaign("0");
    String no = orderNo();
    Instant ordered = Instant.now();
    fx.register(no, unpaid("buyer-" + no, "REGULAR", "EXCLUSIVE", "BEAUTY", "259.00", ordered));
    assertThat(repository.steps(no)).hasSize(3);

    fx.register(no, ReminderFixtures.order("buyer-" + no, "REGULAR", "CANCELLED", "EXCLUSIVE", "BEAUTY", "259.00",
        ordered, null));

    assertThat(repository.steps(no)).extracting(Step::state).containsOnly("CANCELLED");
    poller.runOnce(daytime(Duration.ofHours(1)));
    assertThat(notices.noticesOf(no)).isEmpty();
  }

  /** What every node's outbox poller does (off in tests); the notice was due at once. */
  private void deliver(String noticeKey) {
    noticePoller.runOnce();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(noticeKey).count())
        .as("no process instance per notice").isZero();
  }

  private List<ServeEvent> smsFor(String noticeKey) {
    return sms.getAllServeEvents().stream()
        .filter(e -> noticeKey.equals(e.getRequest().getHeader("Idempotency-Key"))).toList();
  }

  static boolean sentOver(Notice n, String channel) {
    return n.deliveries().stream().anyMatch(d -> d.channel().equals(channel)
        && NoticeDelivery.SENT.equals(d.status()));
  }
}
