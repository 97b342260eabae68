package com.peakcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Accounts;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import com.peakcare.web.RefusalLogMinutes;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

/**
 * Issue 26, row 2 and point 2, issue 20 point 7, as the attack: one account sends as many requests of a costly kind as
 * it can (opening cases, broadcasts, history reads over {@code /engine-rest} and over the webapps' engine API with a
 * session). After its rule's capacity it gets a 429 problem with {@code Retry-After}, while another account doing the
 * same at the same moment is not affected. Each attacker is a fresh account, so no other test's requests count.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class RateLimitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired RateLimits.Settings settings;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  private String anAccount(String group) {
    return Accounts.fresh(identity, "rl", group);
  }

  private int capacity(String rule) {
    return settings.rules().get(rule).capacity();
  }

  /**
   * Sends the request until the first 429 and returns it: after at least the rule's capacity (the bucket refills
   * evenly meanwhile, so a few more may pass), and within three times it.
   */
  private HttpResponse<String> exhaust(String rule, Supplier<HttpResponse<String>> request) {
    for (int i = 0; i < 3 * capacity(rule); i++) {
      HttpResponse<String> res = request.get();
      if (res.statusCode() == 429) {
        assertThat(i).as("requests allowed before the first 429").isGreaterThanOrEqualTo(capacity(rule));
        return res;
      }
    }
    throw new AssertionError("no 429 after " + 3 * capacity(rule) + " requests of " + rule);
  }

  private static void assertLimited(HttpResponse<String> res, String rule) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(429);
    assertThat(res.headers().firstValue("Retry-After")).hasValueSatisfying(
        v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(JSON.readTree(res.body()).path("detail").asText()).contains("请求过于频繁").contains(rule);
  }

  @Test
  void anIntegratorOpeningCasesAsFastAsItCanIsStoppedOthersAreNot(CapturedOutput log) throws Exception {
    String integrator = anAccount("integrators");
    RefusalLogMinutes.startAfresh("rate-limit"); // the suite's other refusals may have used this minute's share

    HttpResponse<String> last = exhaust("open-cases", () -> http.post("/api/returns", integrator, "{}"));

    assertLimited(last, "open-cases");
    assertThat(http.post("/api/returns", "shop1", "{}").statusCode()).as("another integrator").isEqualTo(400);
    assertThat(http.get("/api/me", integrator, "demo").statusCode()).as("other requests of the same account")
        .isEqualTo(200);
    assertThat(log.getOut()).contains("by " + integrator + " refused: rate limit open-cases");
  }

  @Test
  void broadcastsAreLimitedPerCaller() throws Exception {
    String caller = anAccount("integrators");

    HttpResponse<String> last = exhaust("broadcasts",
        () -> http.post("/api/notices/logistics-delay", caller, "{}"));

    assertLimited(last, "broadcasts");
  }

  @Test
  void historyReadsAreLimitedOnTheEngineApiAndThroughTheWebapps() throws Exception {
    String auditor = anAccount("auditors");
    String path = "/engine-rest/history/activity-instance?maxResults=1";

    assertLimited(exhaust("history", () -> http.get(path, auditor, "demo")), "history");

    String other = anAccount("auditors");
    identity.createMembership(other, "all-staff"); // logs in through Tasklist's page, as support.WebappSession does
    WebappSession cockpit = WebappSession.login(port, other);
    assertThat(cockpit.loginStatus()).isEqualTo(200);
    String webapp = "/camunda/api/engine/engine/default/history/activity-instance?maxResults=1";
    assertLimited(exhaust("history", () -> cockpit.get(webapp)), "history");
  }

  @Test
  void theProductionRulesAreTheDocumentedOnes() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Properties p = yaml.getObject();
    assertThat(p.getProperty("peakcare.rate-limit.rules.open-cases.capacity")).isEqualTo("120");
    assertThat(p.getProperty("peakcare.rate-limit.rules.open-cases.per")).isEqualTo("PT1M");
    assertThat(p.getProperty("peakcare.rate-limit.rules.broadcasts.paths")).isEqualTo("/api/notices/logistics-delay");
    assertThat(p.getProperty("peakcare.rate-limit.rules.broadcasts.capacity")).isEqualTo("10");
    assertThat(p.getProperty("peakcare.rate-limit.rules.broadcasts.per")).isEqualTo("PT1H");
    assertThat(p.getProperty("peakcare.rate-limit.rules.history.capacity")).isEqualTo("60");
  }
}
