package com.peakcare.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report over real HTTP as the least-privileged people it is for (setter1: ops; opslead: its supervisor) and not
 * for (an agent, the shop's system, other departments' supervisors), on records seeded as Newcombe's first example:
 * 56 of 70 reminded paid, 48 of 80 held out.
 */
@PeakCareTest
class ReminderReportApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ReminderCampaigns campaigns;
  @Autowired JdbcTemplate jdbc;
  Http http;
  ReminderFixtures fx;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    fx = new ReminderFixtures(http, campaigns);
  }

  /** {@code n} eligible orders of a group, {@code paid} of them paid (¥100 each), reminded once by SMS if reminded. */
  private void seed(Campaign c, String group, int n, int paid, String tier) {
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      boolean isPaid = i < paid;
      boolean reminded = Holdout.REMINDED.equals(group);
      jdbc.update("insert into PC_REMINDER_ORDER (ORDER_NO, CAMPAIGN_ID, BUYER_ID, GRP, TIER, ITEM_ROLE, CATEGORY,"
              + " AMOUNT, PLAN_CHANNEL, PLAN_STEPS, ORDERED_AT, CLOSE_AT, STATE, PAID_AT, PAID_AMOUNT,"
              + " FIRST_REMINDED_AT, MESSAGES_SENT, SMS_SENT) values (?, ?, ?, ?, ?, 'PROFIT', 'HOME', 100, 'SMS', 2,"
              + " ?, ?, ?, ?, ?, ?, ?, ?)", "S-" + UUID.randomUUID(), c.id(), "b-" + UUID.randomUUID(), group, tier,
          Timestamp.from(now.minusSeconds(90_000)), Timestamp.from(now.minusSeconds(3600)),
          isPaid ? "PAID" : "CLOSED", isPaid ? Timestamp.from(now.minusSeconds(80_000)) : null,
          isPaid ? 100 : null, reminded ? Timestamp.from(now.minusSeconds(88_000)) : null, reminded ? 1 : 0,
          reminded ? 1 : 0);
    }
  }

  @Test
  void shouldReportNewcombesExampleWithItsIntervalsTheNaiveRateAndNoVerdictYet() throws Exception {
    Campaign c = fx.campaign("0.10");
    seed(c, Holdout.REMINDED, 70, 56, "REGULAR");
    seed(c, Holdout.HOLDOUT, 80, 48, "REGULAR");

    HttpResponse<String> res = http.get("/api/reminders/campaigns/" + c.id() + "/report", "setter1");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode r = JSON.readTree(res.body());
    JsonNode overall = r.path("overall");
    assertThat(overall.path("reminded").path("paidRate").asDouble()).isEqualTo(0.8);
    assertThat(overall.path("holdout").path("paidRate").asDouble()).isEqualTo(0.6);
    assertThat(overall.path("incrementalPaidRate").asDouble()).isCloseTo(0.2, within(1e-6));
    assertThat(overall.path("incrementalInterval").path("lower").asDouble()).isCloseTo(0.0524, within(0.00005));
    assertThat(overall.path("incrementalInterval").path("upper").asDouble()).isCloseTo(0.3339, within(0.00005));
    assertThat(overall.path("test").asText()).isEqualTo("chi-square");
    assertThat(overall.path("pValue").asDouble()).isCloseTo(0.00805, within(0.00005));
    assertThat(overall.path("incrementalGmvPerOrder").decimalValue()).isEqualByComparingTo("20.00");
    // fewer than 100 orders in a group: no verdict, whatever the interval says; and the campaign still runs
    assertThat(overall.path("verdict").asText()).isEqualTo("STILL_COLLECTING");
    assertThat(r.path("isFinal").asBoolean()).isFalse();
    assertThat(r.path("finalText").asText()).contains("not final");
    // 80 held out of 150 against a planned 10 %: the split is off plan, and the report says so
    assertThat(r.path("sampleRatio").path("ok").asBoolean()).isFalse();
    assertThat(r.path("naive").path("rate").asDouble()).isEqualTo(0.8);
    assertThat(r.path("naive").path("label").asText()).contains("naive").contains("anyway");
    assertThat(r.path("costs").path("smsSent").asLong()).isEqualTo(70);
    assertThat(r.path("costs").path("costPerIncrementalPaidOrder").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(r.path("strata").toString()).contains("\"dimension\":\"tier\"", "\"dimension\":\"channel\"");
  }

  @Test
  void shouldSayRemindersHelpOnceEachGroupHasEnoughOrdersAndTheIntervalIsAboveZero() throws Exception {
    Campaign c = fx.campaign("0.5");
    seed(c, Holdout.REMINDED, 300, 150, "GOLD");
    seed(c, Holdout.HOLDOUT, 300, 105, "GOLD");
    http.post("/api/reminders/campaigns/" + c.id() + "/end", "opslead", "{}");

    JsonNode r = JSON.readTree(http.get("/api/reminders/campaigns/" + c.id() + "/report", "opslead").body());

    assertThat(r.path("verdict").asText()).isEqualTo("REMINDERS_HELP");
    assertThat(r.path("isFinal").asBoolean()).isTrue();
    assertThat(r.path("sampleRatio").path("ok").asBoolean()).isTrue();
    HttpResponse<String> csv = http.get("/api/reminders/campaigns/" + c.id() + "/report.csv", "setter1");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).contains("overall").contains(",REMINDERS_HELP,yes");
  }

  @Test
  void shouldShowTheReportOnlyToOperationsAndAuditors() {
    Campaign c = fx.campaign("0.10");
    for (String user : new String[] {"agent1", "shop1", "warehouse1", "cslead", "uxlead"}) {
      assertThat(http.get("/api/reminders/campaigns/" + c.id() + "/report", user).statusCode()).as(user)
          .isEqualTo(403);
    }
    assertThat(http.get("/api/reminders/campaigns/NO-SUCH/report", "setter1").statusCode()).isEqualTo(404);
    assertThat(http.post("/api/reminders/campaigns", "agent1", "{\"campaignId\":\"X\",\"name\":\"x\"}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void shouldRefuseASecondRunningCampaignAndAShareAboveHalf() throws Exception {
    fx.campaign("0.10");
    HttpResponse<String> second = http.post("/api/reminders/campaigns", "setter1",
        "{\"campaignId\":\"C2-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"name\":\"二\"}");
    assertThat(second.statusCode()).isEqualTo(409);
    HttpResponse<String> greedy = http.post("/api/reminders/campaigns", "setter1",
        "{\"campaignId\":\"C3\",\"name\":\"三\",\"holdoutShare\":0.6}");
    assertThat(greedy.statusCode()).isEqualTo(400);
    assertThat(greedy.body()).contains("holdoutShare");
  }

  @Test
  void shouldPlanTheOrdersAComparisonNeeds() throws Exception {
    HttpResponse<String> res = http.get("/api/reminders/planning?baseline=0.3&uplift=0.1&holdoutShare=0.5",
        "setter1");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(JSON.readTree(res.body()).path("holdoutOrders").asLong()).isBetween(350L, 360L);
    assertThat(http.get("/api/reminders/planning?baseline=0.3&uplift=0.9", "setter1").body()).contains("uplift");
  }
}
