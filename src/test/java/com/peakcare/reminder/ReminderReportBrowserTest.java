package com.peakcare.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.support.BrowserScenario;
import com.peakcare.support.Http;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment-reminder report page in Cockpit, in Chromium (e2e/pages.mjs), as a supervisor: opened from Cockpit's
 * navigation, it shows both groups' paid rates with their intervals, the incremental rate with Newcombe's interval, the
 * naive rate labelled, the chart and a CSV link, for records seeded as Newcombe's first example.
 */
@PeakCareTest
class ReminderReportBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ReminderCampaigns campaigns;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aSupervisorReadsBothGroupsWithTheirIntervalsOnTheReportPage() throws Exception {
    Campaign c = new ReminderFixtures(new Http(port), campaigns).campaign("0.10");
    seed(c, Holdout.REMINDED, 70, 56);
    seed(c, Holdout.HOLDOUT, 80, 48);

    JsonNode page = JSON.readTree(BrowserScenario.run("pages.mjs", port, "reminder-report",
        Map.of("PAGE_USER", "opslead", "CAMPAIGN", c.id())));

    assertThat(page.path("title").asText()).startsWith(c.id());
    assertThat(page.path("reminded").asText()).startsWith("80.0%（56/70，95% 区间");
    assertThat(page.path("holdout").asText()).startsWith("60.0%（48/80，95% 区间");
    assertThat(page.path("incremental").asText()).contains("+20.0%", "5.2%", "33.4%");
    assertThat(page.path("naive").asText()).isEqualTo("80.0%");
    assertThat(page.path("verdict").asText()).contains("still collecting");
    assertThat(page.path("final").asText()).contains("not final");
    assertThat(page.path("strata").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(page.path("csvHref").asText()).contains("reminders/report.csv").contains(c.id());
    assertThat(page.path("pageErrors")).isEmpty();
  }

  private void seed(Campaign c, String group, int n, int paid) {
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      boolean isPaid = i < paid;
      boolean reminded = Holdout.REMINDED.equals(group);
      jdbc.update("insert into PC_REMINDER_ORDER (ORDER_NO, CAMPAIGN_ID, BUYER_ID, GRP, TIER, ITEM_ROLE, CATEGORY,"
              + " AMOUNT, PLAN_CHANNEL, PLAN_STEPS, ORDERED_AT, CLOSE_AT, STATE, PAID_AT, PAID_AMOUNT,"
              + " FIRST_REMINDED_AT, MESSAGES_SENT, SMS_SENT) values (?, ?, ?, ?, 'REGULAR', 'PROFIT', 'HOME', 100,"
              + " 'SMS', 2, ?, ?, ?, ?, ?, ?, ?, ?)", "B-" + UUID.randomUUID(), c.id(), "b-" + UUID.randomUUID(), group,
          Timestamp.from(now.minusSeconds(90_000)), Timestamp.from(now.minusSeconds(3600)),
          isPaid ? "PAID" : "CLOSED", isPaid ? Timestamp.from(now.minusSeconds(80_000)) : null,
          isPaid ? 100 : null, reminded ? Timestamp.from(now.minusSeconds(88_000)) : null, reminded ? 1 : 0,
          reminded ? 1 : 0);
    }
  }
}
