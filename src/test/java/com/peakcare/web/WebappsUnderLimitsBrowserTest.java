package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 26: Cockpit and Admin keep working under the engine's result limit ({@code queryMaxResultsLimit}: 1,000), the
 * webapps' rate limits and the JSON limits: a tour of their pages in real Chromium, as the administrator and as an
 * auditor, with no webapp API call refused. (Tasklist's own browser tests run under the same limits.)
 */
@PeakCareTest
class WebappsUnderLimitsBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void theAdministratorsCockpitAndAdminWork() throws Exception {
    JsonNode seen = JSON.readTree(BrowserScenario.run(port, "webapps-tour:demo"));

    assertThat(seen.path("failed")).as(seen.toString()).isEmpty();
    assertThat(seen.path("calls").asInt()).isGreaterThan(20);
    assertThat(seen.path("pages").size()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void anAuditorsCockpitWorks() throws Exception {
    JsonNode seen = JSON.readTree(BrowserScenario.run(port, "webapps-tour:auditor1"));

    assertThat(seen.path("failed")).as(seen.toString()).isEmpty();
    assertThat(seen.path("pages").size()).isGreaterThanOrEqualTo(4);
  }
}
