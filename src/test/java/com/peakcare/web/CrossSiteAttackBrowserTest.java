package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 26, row 1, as the attack: a page on another site (served here by a tiny HTTP server on another port, its own
 * origin) acts through a real Chromium whose person logged in to Swagger UI that day through the browser's Basic prompt.
 * It builds a BPMN file in JavaScript and auto-submits it as a multipart form to {@code /engine-rest/deployment/create}
 * against the administrator; it posts bodiless forms and a no-cors fetch to {@code /engine-rest/task/{id}/unclaim},
 * a multipart attachment and {@code /api/returns/{no}/delivery} against an agent. Before {@code CrossSiteGuard} the
 * deployment answered 200 and was deployed; now each is a 403 and nothing changed. The same page without the login
 * gets 401: it is the browser's cached credentials the page tried to use. Both another site ({@code localhost} against
 * {@code 127.0.0.1}) and the same site on another port ({@code Sec-Fetch-Site: same-site}) are refused.
 */
@PeakCareTest
class CrossSiteAttackBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The attacker's page: builds a form (with a file, if the attack says so) or a fetch, and sends it to PeakCare. */
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8"><title>Double 11 coupons!</title></head><body>
      <h1>领取双11优惠券</h1>
      <script>
      window.attackByForm = (a, url) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = url;
        if (a.file) form.enctype = 'multipart/form-data';
        for (const [name, value] of Object.entries(a.fields || {})) {
          const input = document.createElement('input');
          input.type = 'hidden'; input.name = name; input.value = value;
          form.appendChild(input);
        }
        if (a.file) {
          const input = document.createElement('input');
          input.type = 'file'; input.name = a.file.field;
          const files = new DataTransfer();
          files.items.add(new File([a.file.content], a.file.name, { type: a.file.type }));
          input.files = files.files;
          form.appendChild(input);
        }
        document.body.appendChild(form);
        setTimeout(() => form.submit(), 0);
        return 'submitted';
      };
      window.attackByFetch = (url) =>
        fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' }).then(() => 'sent', () => 'failed');
      </script></body></html>""";

  private static HttpServer evil;

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @BeforeAll
  static void startTheAttackersServer() throws Exception {
    evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evil.createContext("/attack.html", exchange -> {
      byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    evil.start();
  }

  @AfterAll
  static void stopTheAttackersServer() {
    evil.stop(0);
  }

  /** A BPMN model as an attacker writes it in JavaScript: a timer start whose expression runs as the engine. */
  private static Map<String, Object> deployment(String name) {
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"x\"><process id=\"" + name
        + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\"><startEvent id=\"s\"><timerEventDefinition>"
        + "<timeDuration>PT1H</timeDuration></timerEventDefinition></startEvent><serviceTask id=\"t\" camunda:expression="
        + "\"${execution.processEngineServices.identityService.createUserQuery().count()}\"/><sequenceFlow id=\"f\" "
        + "sourceRef=\"s\" targetRef=\"t\"/></process></definitions>";
    return Map.of("name", "deploy", "kind", "form", "path", "/engine-rest/deployment/create",
        "fields", Map.of("deployment-name", name),
        "file", Map.of("field", "data", "name", name + ".bpmn", "type", "text/xml", "content", bpmn));
  }

  private JsonNode attack(String evilHost, String user, List<Map<String, Object>> attacks) throws Exception {
    return JSON.readTree(BrowserScenario.run("crosssite.mjs", port, evilHost + "-" + (user == null ? "anonymous" : user),
        Map.of("EVIL_URL", "http://" + evilHost + ":" + evil.getAddress().getPort(),
            "LOGIN_USER", user == null ? "" : user,
            "ATTACKS", JSON.writeValueAsString(attacks))));
  }

  @Test
  void anotherSitesPageCannotDeployAModelThroughTheAdministratorsBrowser() throws Exception {
    String name = "crosssite_" + UUID.randomUUID().toString().substring(0, 8);
    String sameSite = name + "_samesite";

    JsonNode crossSite = attack("localhost", "demo", List.of(deployment(name)));
    JsonNode fromSameSite = attack("127.0.0.1", "demo", List.of(deployment(sameSite)));

    assertThat(crossSite.path("swaggerStatus").asInt()).as("the administrator is logged in to Swagger UI").isEqualTo(200);
    for (JsonNode seen : List.of(crossSite.path("attacks").get(0), fromSameSite.path("attacks").get(0))) {
      assertThat(seen.path("status").asInt()).as(seen.toString()).isEqualTo(403);
      assertThat(seen.path("body").asText()).contains("其他网站").contains("X-Requested-By");
    }
    assertThat(repository.createDeploymentQuery().deploymentName(name).count()).isZero();
    assertThat(repository.createDeploymentQuery().deploymentName(sameSite).count()).isZero();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(name).count()).isZero();
  }

  @Test
  void swaggerUiKeepsWorkingFromItsOwnPage() throws Exception {
    JsonNode seen = JSON.readTree(BrowserScenario.run("crosssite.mjs", port, "swagger-ui",
        Map.of("EVIL_URL", "http://localhost:" + evil.getAddress().getPort(), "LOGIN_USER", "shop1")))
        .path("swagger");

    assertThat(seen.path("header").asText()).isEqualTo("swagger-ui");
    // the bodiless POST reaches the controller (no such case) with the header, and is refused without it
    assertThat(seen.path("status").asInt()).as(seen.toString()).isEqualTo(404);
    assertThat(seen.path("statusWithout").asInt()).as(seen.toString()).isEqualTo(403);
  }

  @Test
  void withoutTheLoginTheSamePageGets401() throws Exception {
    String name = "crosssite_" + UUID.randomUUID().toString().substring(0, 8);

    JsonNode seen = attack("localhost", null, List.of(deployment(name))).path("attacks").get(0);

    assertThat(seen.path("status").asInt()).as(seen.toString()).isEqualTo(401);
    assertThat(repository.createDeploymentQuery().deploymentName(name).count()).isZero();
  }

  @Test
  void anotherSitesPageCannotUnclaimAttachOrReportADeliveryThroughAnAgentsBrowser() throws Exception {
    String instance = runtime.startProcessInstanceByKey("smoke-one-task").getId();
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    tasks.claim(task, "agent1");

    JsonNode seen = attack("localhost", "agent1", List.of(
        Map.of("name", "unclaim", "kind", "form", "path", "/engine-rest/task/" + task + "/unclaim"),
        Map.of("name", "unclaim by fetch", "kind", "fetch", "path", "/engine-rest/task/" + task + "/unclaim"),
        Map.of("name", "attachment", "kind", "form", "path", "/engine-rest/task/" + task + "/attachment/create",
            "fields", Map.of("attachment-name", "invoice", "attachment-type", "text/plain"),
            "file", Map.of("field", "content", "name", "invoice.txt", "type", "text/plain", "content", "pay here")),
        Map.of("name", "delivery", "kind", "form", "path", "/api/returns/R-CROSSSITE/delivery"),
        Map.of("name", "delivery by fetch", "kind", "fetch", "path", "/api/returns/R-CROSSSITE/delivery")));

    ArrayNode attacks = (ArrayNode) seen.path("attacks");
    for (JsonNode a : attacks) {
      if (a.path("kind").asText().equals("form")) {
        assertThat(a.path("status").asInt()).as(a.toString()).isEqualTo(403);
        assertThat(a.path("body").asText()).as(a.toString()).contains("X-Requested-By");
      } else {
        // a fetch: PeakCare answered it 401 (the browser kept the credentials from a script of another site) or 403
        assertThat(a.path("statuses")).as(a.toString()).isNotEmpty()
            .allSatisfy(status -> assertThat(status.asInt()).isIn(401, 403));
      }
    }
    assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("agent1");
    assertThat(tasks.getTaskAttachments(task)).isEmpty();
    runtime.deleteProcessInstance(instance, "test done");
  }
}
