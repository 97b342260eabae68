package com.peakcare.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import com.peakcare.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.peakcare.order.OrderFigureKeeper;
import com.peakcare.returns.ReturnFigureKeeper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The big-sale dashboard in Cockpit, in Chromium (e2e/pages.mjs, scenario "dashboard"), on the known night, as each
 * person it is for and some it is not (issue 25, point 7): an after-sales supervisor sees returns, money, promises and
 * notices, an ops supervisor campaigns, an auditor all five; the warehouse's lead gets into Cockpit and sees no tile;
 * an agent and the shop's system (an integrator) do not get into Cockpit. The figures shown are the JSON's, the charts are drawn, every tile links to
 * its lists and its CSV, and the tiles are drawn again by themselves without the page loading again.
 */
@PeakCareTest
class DashboardBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ReturnFigureKeeper figures;
  @Autowired OrderFigureKeeper orderFigures;
  @Autowired ShopTime time;
  KnownNight night;

  @BeforeEach
  void setUp() {
    night = new KnownNight(jdbc, figures, orderFigures);
    time.clock(Clock.fixed(KnownNight.NOW, ZoneOffset.UTC));
    night.returns();
    night.money();
    night.promises();
    night.notices();
    night.campaigns();
  }

  @AfterEach
  void tearDown() {
    night.clear();
    time.clock(Clock.systemUTC());
  }

  @Test
  void anAfterSalesSupervisorSeesReturnsMoneyPromisesAndNoticesRefreshedInPlace() throws Exception {
    JsonNode page = dashboard("cslead", true);

    assertThat(page.path("tiles").toString()).isEqualTo("[\"returns\",\"money\",\"promises\",\"notices\"]");
    JsonNode api = JSON.readTree(new Http(port).get("/api/dashboard/returns", "cslead").body());
    JsonNode figures = page.path("figures");
    assertThat(figures.path("returns-open").asText()).isEqualTo(api.path("open").asText());
    assertThat(figures.path("returns-overdue-reviews").asText()).isEqualTo(api.path("overdue").path("reviews").asText());
    // the night's refunds, 150.50, and its refund-care promises' three paid today (10.00 each)
    assertThat(figures.path("money-paid-today").asText()).isEqualTo("¥180.50");
    assertThat(figures.path("money-ceiling").asText()).isEqualTo("1");
    assertThat(figures.path("money-destination").asText()).isEqualTo("2 / 1");
    assertThat(figures.path("money-refund-rate").asText()).isEqualTo("0.0%");
    assertThat(page.path("tables").path("promises-today").get(0).toString())
        .startsWith("[\"退款关怀 · Refund care\",\"5\",\"2\",\"2\",\"2\",\"1\",\"50.0%（2/4，95% 区间");
    assertThat(page.path("tables").path("notices-last-hour").toString()).contains("[\"SHIPPING\",\"站内信 · In-app\",\"1\","
        + "\"0\",\"0\",\"1\"]");
    List<String> agents = new ArrayList<>();
    page.path("tables").path("returns-by-agent").forEach(r -> agents.add(r.get(0).asText() + "=" + r.get(1).asText()));
    assertThat(agents).contains(night.agentA + "=4", night.agentB + "=3");
    assertThat(page.path("links").toString()).contains("/camunda/app/cockpit/default/#/process-definition/",
        "/camunda/app/tasklist/default/#/?filter=");
    assertThat(page.path("csv")).hasSize(4);
    assertThat(page.path("csv").get(0).asText()).endsWith("/pages/dashboard/returns.csv");
    assertThat(page.path("errors")).isEmpty();
    assertThat(page.path("pageErrors")).isEmpty();
    assertThat(page.path("refreshedWithoutReload").asBoolean()).isTrue();
    assertThat(page.path("refreshes").asInt()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anOpsSupervisorSeesTheCampaignsOnly() throws Exception {
    JsonNode page = dashboard("opslead", false);

    assertThat(page.path("tiles").toString()).isEqualTo("[\"campaigns\"]");
    List<String> rows = new ArrayList<>();
    page.path("tables").path("campaigns-list").forEach(r -> rows.add(r.toString()));
    assertThat(rows).anySatisfy(r -> assertThat(r).contains(night.liveCampaign, "2（待确认 · to confirm 1，确认错误 · "
        + "confirmed 2）", "4 笔 · ¥200.00"));
    assertThat(rows).anySatisfy(r -> assertThat(r).contains(night.checkingCampaign, "用户体验检核 · UX check", "\"2\""));
    assertThat(page.path("campaignText").asText()).as("a name is text, never HTML").contains(KnownNight.CHECKING_NAME);
    assertThat(page.path("title").asText()).isNotEqualTo("pwned");
    assertThat(page.path("errors")).isEmpty();
  }

  @Test
  void anAuditorSeesEveryTile() throws Exception {
    JsonNode page = dashboard("auditor1", false);

    assertThat(page.path("tiles").toString())
        .isEqualTo("[\"returns\",\"money\",\"promises\",\"notices\",\"campaigns\"]");
    assertThat(page.path("errors")).isEmpty();
    assertThat(page.path("pageErrors")).isEmpty();
    Path shot = Path.of(page.path("screenshot").asText());
    if (Boolean.getBoolean("dashboard.screenshot")) { // -Ddashboard.screenshot=true refreshes the README's picture
      Files.copy(shot, Path.of("docs/images/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void anotherDepartmentsLeadSeesNoTileAndAnAgentOrTheShopsSystemDoesNotGetIn() throws Exception {
    JsonNode lead = dashboard("whlead", false);
    assertThat(lead.path("noTiles").asBoolean()).isTrue();
    assertThat(lead.path("tiles")).isEmpty();

    for (String user : new String[] {"agent1", "shop1"}) {
      JsonNode refused = JSON.readTree(BrowserScenario.run("pages.mjs", port, "cockpit-refused",
          Map.of("PAGE_USER", user)));
      assertThat(refused.path("in").asBoolean()).as(user).isFalse();
    }
  }

  private JsonNode dashboard(String user, boolean waitRefresh) throws Exception {
    Map<String, String> env = waitRefresh ? Map.of("PAGE_USER", user, "WAIT_REFRESH", "1")
        : Map.of("PAGE_USER", user);
    return JSON.readTree(BrowserScenario.run("pages.mjs", port, "dashboard", env));
  }
}
