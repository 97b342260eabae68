package com.peakcare.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.peakcare.order.OrderFigureKeeper;
import com.peakcare.returns.ReturnFigureKeeper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every figure of every tile against a night with a known number of each thing ({@link KnownNight}), read through
 * {@code GET /api/dashboard/<tile>} as the least-privileged person the tile is for: an after-sales supervisor (cslead)
 * for returns, money, promises and notices, an ops supervisor (opslead) for campaigns. Figures over a window (the
 * night of 11 November 2031) are exact; figures of "now" over all open cases (by status, backlog) are compared with
 * the same figure read just before the night was seeded, as other tests' cases are open too.
 */
@PeakCareTest
class DashboardTilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ReturnFigureKeeper figures;
  @Autowired OrderFigureKeeper orderFigures;
  @Autowired ShopTime time;
  @Autowired StaffDirectory staff;
  Http http;
  KnownNight night;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    night = new KnownNight(jdbc, figures, orderFigures);
    time.clock(Clock.fixed(KnownNight.NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    night.clear();
    time.clock(Clock.systemUTC());
  }

  @Test
  void returnsNowCountsTheNightsCasesByStatusTypeAgentHourAndSla() throws Exception {
    JsonNode before = get("/api/dashboard/returns?saleFrom=2031-11-11", "cslead");
    night.returns();

    JsonNode r = get("/api/dashboard/returns?saleFrom=2031-11-11", "cslead");

    assertThat(r.path("timeZone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(r.path("open").asLong() - before.path("open").asLong()).isEqualTo(9);
    assertThat(delta(before, r, "byStatus", "UNDER_REVIEW")).isEqualTo(3);
    assertThat(delta(before, r, "byStatus", "INSPECTING")).isEqualTo(2);
    assertThat(delta(before, r, "byStatus", "AWAITING_SECOND_APPROVAL")).isEqualTo(1);
    assertThat(delta(before, r, "byStatus", "REFUNDING")).isEqualTo(2);
    assertThat(delta(before, r, "byStatus", "OPEN")).isEqualTo(1);
    assertThat(delta(before, r, "byType", "REFUND_ONLY")).isEqualTo(3);
    assertThat(delta(before, r, "byType", "EXCHANGE")).isEqualTo(2);
    assertThat(delta(before, r, "byType", "REPAIR")).isEqualTo(1);
    JsonNode a = agent(r, night.agentA);
    assertThat(a.path("load").asLong()).isEqualTo(4);
    assertThat(a.path("byStatus").path("UNDER_REVIEW").asLong()).isEqualTo(2);
    JsonNode b = agent(r, night.agentB);
    assertThat(b.path("load").asLong()).isEqualTo(3);
    assertThat(b.path("byStatus").path("INSPECTING").asLong()).isEqualTo(2);
    assertThat(r.path("overdue").path("reviews").asLong() - before.path("overdue").path("reviews").asLong())
        .isEqualTo(3);
    assertThat(r.path("overdue").path("inspections").asLong() - before.path("overdue").path("inspections").asLong())
        .isEqualTo(2);
    // the sale's hours up to 23:30, in the shop's time zone
    JsonNode hours = r.path("openedPerHour");
    assertThat(hours).hasSize(24);
    assertThat(hours.get(1).path("hour").asText()).isEqualTo("2031-11-11 01:00");
    assertThat(hours.get(1).path("manualReview").asLong()).isEqualTo(2);
    assertThat(hours.get(1).path("rejected").asLong()).isEqualTo(1);
    assertThat(hours.get(1).path("total").asLong()).isEqualTo(3);
    assertThat(hours.get(20).path("autoApproved").asLong()).isEqualTo(4);
    assertThat(hours.get(20).path("manualReview").asLong()).isEqualTo(2);
    assertThat(hours.get(22).path("undecided").asLong()).isEqualTo(1);
    assertThat(hours.get(0).path("total").asLong()).isZero();
    long total = 0;
    for (JsonNode h : hours) {
      total += h.path("total").asLong();
    }
    assertThat(total).as("R11 was opened the day before").isEqualTo(10);
    assertThat(r.path("links").toString()).contains("/camunda/app/cockpit/default/#/process-definition/");
  }

  @Test
  void moneyCountsRefundsRefusalsChangesIncidentsAndTheSalesRefundRate() throws Exception {
    night.returns();
    JsonNode before = get("/api/dashboard/money?saleFrom=2031-11-10&saleTo=2031-11-11", "cslead");
    night.money();

    JsonNode m = get("/api/dashboard/money?saleFrom=2031-11-10&saleTo=2031-11-11", "cslead");

    assertThat(m.path("paidToday").path("count").asLong()).isEqualTo(2);
    assertThat(m.path("paidToday").path("sum").decimalValue()).isEqualByComparingTo("150.50");
    assertThat(m.path("paidInSale").path("count").asLong()).isEqualTo(3);
    assertThat(m.path("paidInSale").path("sum").decimalValue()).isEqualByComparingTo("170.50");
    assertThat(m.path("awaitingSecondApproval").path("count").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(m.path("ceilingRefusals").asLong()).isEqualTo(2);
    assertThat(m.path("destinationChanges").path("requested").asLong()).isEqualTo(3);
    assertThat(m.path("destinationChanges").path("approved").asLong()).isEqualTo(1);
    assertThat(m.path("destinationChanges").path("pending").asLong()).isEqualTo(1);
    assertThat(m.path("destinationChanges").path("refused").asLong()).isEqualTo(1);
    assertThat(m.path("refundIncidents").asLong() - before.path("refundIncidents").asLong()).isEqualTo(1);
    assertThat(m.path("refunding").path("count").asLong()).isEqualTo(before.path("refunding").path("count").asLong());
    JsonNode rate = m.path("refundRate");
    assertThat(rate.path("orders").asLong()).isEqualTo(4);
    assertThat(rate.path("refundedOrders").asLong()).isEqualTo(1);
    assertThat(rate.path("paid").decimalValue()).isEqualByComparingTo("400.00");
    assertThat(rate.path("refunded").decimalValue()).isEqualByComparingTo("60.00");
    assertThat(rate.path("ordersRate").asDouble()).isEqualTo(0.25);
    assertThat(rate.path("moneyRate").asDouble()).isEqualTo(0.15);
  }

  @Test
  void moneyWaitingForASecondApprovalAndRefundingAreTheNightsCases() throws Exception {
    JsonNode before = get("/api/dashboard/money", "cslead");
    night.returns();

    JsonNode m = get("/api/dashboard/money", "cslead");

    assertThat(m.path("awaitingSecondApproval").path("count").asLong()
        - before.path("awaitingSecondApproval").path("count").asLong()).isEqualTo(1);
    assertThat(m.path("awaitingSecondApproval").path("sum").decimalValue()
        .subtract(before.path("awaitingSecondApproval").path("sum").decimalValue())).isEqualByComparingTo("500.00");
    assertThat(m.path("refunding").path("count").asLong() - before.path("refunding").path("count").asLong())
        .isEqualTo(2);
    assertThat(m.path("refunding").path("sum").decimalValue()
        .subtract(before.path("refunding").path("sum").decimalValue())).isEqualByComparingTo("100.00");
  }

  @Test
  void promisesKeptCountsTheNightsRefundCarePromisesAndTheOnTimeSharePerDay() throws Exception {
    night.promises();

    JsonNode p = get("/api/dashboard/promises", "cslead");

    JsonNode today = p.path("today").get(0);
    assertThat(today.path("kind").asText()).isEqualTo("refund-care");
    assertThat(today.path("due").asLong()).isEqualTo(5);
    assertThat(today.path("kept").asLong()).isEqualTo(2);
    assertThat(today.path("late").asLong()).isEqualTo(2);
    assertThat(today.path("apologised").asLong()).isEqualTo(2);
    assertThat(today.path("open").asLong()).isEqualTo(1);
    assertThat(today.path("onTime").path("k").asLong()).isEqualTo(2);
    assertThat(today.path("onTime").path("n").asLong()).isEqualTo(4);
    assertThat(today.path("onTime").path("rate").asDouble()).isEqualTo(0.5);
    assertThat(today.path("onTime").path("low").asDouble()).isBetween(0.14, 0.16);
    // complaints' promises come second (issue 24); the known night has none
    JsonNode complaints = p.path("today").get(1);
    assertThat(complaints.path("kind").asText()).isEqualTo("complaint");
    assertThat(complaints.path("due").asLong()).isZero();
    JsonNode days = p.path("perDay");
    assertThat(days).hasSize(2 * PromisesTile.DAYS);
    assertThat(days.get(PromisesTile.DAYS).path("kind").asText()).isEqualTo("complaint");
    assertThat(days.get(6).path("day").asText()).isEqualTo("2031-11-11");
    assertThat(days.get(6).path("due").asLong()).isEqualTo(5);
    assertThat(days.get(5).path("day").asText()).isEqualTo("2031-11-10");
    assertThat(days.get(5).path("due").asLong()).isEqualTo(1);
    assertThat(days.get(5).path("onTime").path("rate").asDouble()).isEqualTo(1.0);
    assertThat(days.get(0).path("due").asLong()).isZero();
    assertThat(days.get(0).path("onTime").hasNonNull("rate")).as("no share without n").isFalse();
  }

  @Test
  void customersToldCountsTheLastHoursNoticesPerTypeAndChannelTheBacklogAndBroadcasts() throws Exception {
    JsonNode before = get("/api/dashboard/notices", "cslead");
    night.notices();

    JsonNode n = get("/api/dashboard/notices", "cslead");

    JsonNode care = row(n.path("lastHour"), "REFUND_CARE", "EMAIL");
    assertThat(care.path("sent").asLong()).isEqualTo(2);
    assertThat(care.path("delivered").asLong()).isEqualTo(1);
    assertThat(care.path("failed").asLong()).isEqualTo(1);
    JsonNode sms = row(n.path("lastHour"), "REFUND_CARE", "SMS");
    assertThat(sms.path("delivered").asLong()).isEqualTo(2);
    assertThat(row(n.path("lastHour"), "SHIPPING", "IN_APP").path("waiting").asLong()).isEqualTo(1);
    assertThat(n.path("lastHour").toString()).as("21:00 is not in the last hour").doesNotContain("\"SHIPPING\",\"channel\":\"SMS\"");
    assertThat(row(n.path("byChannel"), null, "SMS").path("sent").asLong()).isEqualTo(2);
    assertThat(n.path("backlog").path("waiting").asLong() - before.path("backlog").path("waiting").asLong())
        .isEqualTo(2);
    assertThat(n.path("backlog").path("failed").asLong() - before.path("backlog").path("failed").asLong())
        .isEqualTo(1);
    assertThat(n.path("backlog").hasNonNull("oldestWaitingSince")).isTrue();
    JsonNode broadcast = null;
    for (JsonNode b : n.path("broadcasts")) {
      if (b.path("id").asText().equals(night.broadcast)) {
        broadcast = b;
      }
    }
    assertThat(broadcast).as("the night's broadcast is running").isNotNull();
    assertThat(broadcast.path("matched").asInt()).isEqualTo(3);
    assertThat(broadcast.path("done").asLong()).isEqualTo(2);
  }

  @Test
  void campaignsShowStagesOverdueChecksBriefingReadinessAndCustomerReportsWithFines() throws Exception {
    JsonNode before = get("/api/dashboard/campaigns", "opslead");
    night.campaigns();

    JsonNode c = get("/api/dashboard/campaigns", "opslead");

    assertThat(stage(c, "UX_CHECK") - stage(before, "UX_CHECK")).isEqualTo(1);
    assertThat(stage(c, "LIVE") - stage(before, "LIVE")).isEqualTo(1);
    JsonNode checking = campaign(c, night.checkingCampaign);
    assertThat(checking.path("stage").asText()).isEqualTo("UX_CHECK");
    assertThat(checking.path("stageLabel").asText()).startsWith("用户体验检核");
    assertThat(checking.path("overdueChecks").asLong()).isEqualTo(2);
    assertThat(checking.hasNonNull("briefing")).as("no briefing yet").isFalse();
    JsonNode live = campaign(c, night.liveCampaign);
    assertThat(live.path("overdueChecks").asLong()).isZero();
    assertThat(live.path("customerReports").asLong()).isEqualTo(2);
    assertThat(live.path("reportsToConfirm").asLong()).isEqualTo(1);
    assertThat(live.path("confirmedErrors").asLong()).isEqualTo(2);
    assertThat(live.path("fines").asLong()).isEqualTo(4);
    assertThat(live.path("finesAmount").decimalValue()).isEqualByComparingTo("200.00");
    assertThat(live.path("href").asText()).isEqualTo("/api/campaigns/" + night.liveCampaign);
    JsonNode briefing = live.path("briefing");
    assertThat(briefing.path("ready").asInt()).isZero();
    assertThat(briefing.path("notYet").asInt()).isEqualTo(staff.membersOf(Groups.AFTER_SALES).size());
    assertThat(c.path("overdueChecks").asLong() - before.path("overdueChecks").asLong()).isEqualTo(2);
  }

  @Test
  void eachTilesCsvHoldsItsFiguresForASpreadsheet() throws Exception {
    night.promises();

    HttpResponse<String> csv = http.get("/api/dashboard/promises.csv", "cslead");

    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("\uFEFF\"日期 · Day\"");
    assertThat(csv.body()).contains("\"2031-11-11\",\"refund-care\",\"5\",\"2\",\"2\",\"0.5\"");
    for (String tile : new String[] {"returns", "money", "notices"}) {
      assertThat(http.get("/api/dashboard/" + tile + ".csv", "cslead").statusCode()).as(tile).isEqualTo(200);
    }
    assertThat(http.get("/api/dashboard/campaigns.csv", "opslead").body()).contains("活动 · Campaign");
  }

  @Test
  void aBadSaleWindowIsAProblemNamingTheField() throws Exception {
    HttpResponse<String> bad = http.get("/api/dashboard/returns?saleFrom=11.11", "cslead");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"saleFrom\"");
    HttpResponse<String> backwards = http.get("/api/dashboard/money?saleFrom=2031-11-11&saleTo=2031-11-01", "cslead");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.body()).contains("\"field\":\"saleTo\"");
    HttpResponse<String> year = http.get("/api/dashboard/money?saleFrom=2031-01-01&saleTo=2031-12-31", "cslead");
    assertThat(year.statusCode()).isEqualTo(400);
    assertThat(year.body()).contains("\"field\":\"saleTo\"");
  }

  private JsonNode get(String path, String user) throws Exception {
    HttpResponse<String> res = http.get(path, user);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  private static long delta(JsonNode before, JsonNode after, String list, String key) {
    return count(after.path(list), key) - count(before.path(list), key);
  }

  private static long count(JsonNode list, String key) {
    for (JsonNode c : list) {
      if (c.path("key").asText().equals(key)) {
        return c.path("count").asLong();
      }
    }
    throw new AssertionError(key + " missing from " + list);
  }

  private static long stage(JsonNode view, String stage) {
    for (JsonNode s : view.path("byStage")) {
      if (s.path("stage").asText().equals(stage)) {
        return s.path("count").asLong();
      }
    }
    throw new AssertionError(stage + " missing");
  }

  private static JsonNode agent(JsonNode view, String agent) {
    for (JsonNode a : view.path("byAgent")) {
      if (a.path("agent").asText().equals(agent)) {
        return a;
      }
    }
    throw new AssertionError(agent + " missing from " + view.path("byAgent"));
  }

  private static JsonNode campaign(JsonNode view, String code) {
    for (JsonNode c : view.path("campaigns")) {
      if (c.path("code").asText().equals(code)) {
        return c;
      }
    }
    throw new AssertionError(code + " missing");
  }

  private static JsonNode row(JsonNode rows, String type, String channel) {
    for (JsonNode r : rows) {
      if ((type == null ? !r.hasNonNull("type") : r.path("type").asText().equals(type))
          && r.path("channel").asText().equals(channel)) {
        return r;
      }
    }
    throw new AssertionError(type + "/" + channel + " missing from " + rows);
  }
}
