package com.peakcare.review;

import static com.peakcare.review.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import com.peakcare.support.Http;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The review meeting page in Cockpit, in Chromium (e2e/pages.mjs), as the least-privileged person it is for: the
 * warehouse's lead opens it from Cockpit's navigation, and the figures it shows are those of the reviews sent (and
 * those of GET /api/reviews/meeting); the print view leaves Cockpit out. An agent and the shop's system do not get
 * into Cockpit at all.
 */
@PeakCareTest
class ReviewMeetingBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired ReviewIntake intake;
  @Autowired ReviewCycles cycles;
  @Autowired ReviewRepository repository;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aLeadReadsTheCyclesFiguresOnTheMeetingPage() throws Exception {
    init(engine);
    ReviewFixtures fx = new ReviewFixtures(intake, cycles, repository, runtime, tasks, identity, jdbc);
    fx.drain();
    fx.send(review(5, "衣服质量很好，但是物流太慢了，等了一个星期才到。"), review(4, "鞋子好看，不过快递太慢了。"),
        review(1, "质量太差，洗了一次就起球了。"), review(5, "好评，物流很快，包装严实，东西很好用。"));
    ProcessInstance pi = fx.openAndGather("浏览器测试");
    String cycle = pi.getBusinessKey();

    JsonNode page = JSON.readTree(BrowserScenario.run("pages.mjs", port, "review-meeting",
        Map.of("PAGE_USER", "whlead", "CYCLE", cycle)));

    assertThat(page.path("cycle").asText()).isEqualTo(cycle + " · 浏览器测试");
    assertThat(page.path("reviews").asInt()).isEqualTo(4);
    assertThat(page.path("negative").asInt()).isEqualTo(3);
    assertThat(page.path("hidden").asInt()).isEqualTo(2);
    assertThat(page.path("plain").asInt()).isEqualTo(1);
    JsonNode logistics = page.path("categories").path("LOGISTICS");
    assertThat(logistics.path("reviews").asInt()).isEqualTo(2);
    assertThat(logistics.path("hidden").asInt()).isEqualTo(2);
    assertThat(logistics.path("plain").asInt()).isZero();
    assertThat(logistics.path("share").asText()).startsWith("50.0%（2/4，95% 区间");
    assertThat(logistics.path("marked").toString()).contains("但是物流太慢了", "不过快递太慢了");
    assertThat(page.path("categories").path("QUALITY").path("plain").asInt()).isEqualTo(1);
    assertThat(page.path("categories").path("GIFT").path("reviews").asInt()).isZero();
    assertThat(page.path("canUpload").asBoolean()).isTrue();
    assertThat(page.path("printHidesCockpit").asBoolean()).isTrue();
    assertThat(page.path("csvHref").asText()).endsWith("/pages/reviews/meeting.csv?cycle=" + cycle);
    assertThat(page.path("pageErrors")).isEmpty();

    JsonNode api = JSON.readTree(new Http(port).get("/api/reviews/meeting?cycle=" + cycle, "whlead").body());
    assertThat(api.path("cycle").path("hiddenNegatives").asInt()).isEqualTo(page.path("hidden").asInt());
    assertThat(api.path("cycle").path("reviews").asInt()).isEqualTo(page.path("reviews").asInt());
  }

  @Test
  void anAgentAndTheShopsSystemDoNotGetIntoCockpit() throws Exception {
    for (String user : new String[] {"agent1", "shop1"}) {
      JsonNode refused = JSON.readTree(BrowserScenario.run("pages.mjs", port, "cockpit-refused",
          Map.of("PAGE_USER", user)));

      assertThat(refused.path("in").asBoolean()).as(user).isFalse();
      assertThat(refused.path("message").asText()).as(user).contains("登录失败");
    }
  }
}
