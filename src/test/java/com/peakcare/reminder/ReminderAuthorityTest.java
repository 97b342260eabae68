package com.peakcare.reminder;

import static com.peakcare.reminder.ReminderFixtures.orderNo;
import static com.peakcare.reminder.ReminderFixtures.unpaid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authority over payment reminders follows the department (issue 22): the operations department (setter1, its least
 * privileged member; opslead, its supervisor) runs campaigns and reads the report; auditors read it and change
 * nothing; the supervisors of other departments (cslead: after-sales, uxlead: UX) and agents get 403 on every door:
 * {@code /api}, the page through Cockpit's session, and {@code /engine-rest} for the call task, which is after-sales'
 * (its agents claim and complete it and its supervisors read it; the supervisors of other departments do not even read
 * a call, which carries a buyer's name and phone, although Cockpit lets every supervisor read other processes).
 */
@PeakCareTest
class ReminderAuthorityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGES = "/camunda/api/cockpit/plugin/peakcare/default/pages/";

  @LocalServerPort int port;
  @Autowired ReminderCampaigns campaigns;
  @Autowired ReminderPoller poller;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  Http http;
  ReminderFixtures fx;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    fx = new ReminderFixtures(http, campaigns);
  }

  @Test
  void operationsRunsCampaignsAuditorsReadAndOtherDepartmentsSupervisorsGetNothingOnTheApi() throws Exception {
    campaigns.running().ifPresent(c -> campaigns.end(c.id(), "test"));
    campaigns.refresh();
    String id = "AUTH-" + UUID.randomUUID().toString().substring(0, 8);
    String body = "{\"campaignId\":\"" + id + "\",\"name\":\"双11催付\"}";
    List<String> wrong = new ArrayList<>();
    for (String user : List.of("cslead", "uxlead", "whlead", "auditor1", "agent1", "shop1")) {
      expect(wrong, user, http.post("/api/reminders/campaigns", user, body), 403);
    }
    HttpResponse<String> started = http.post("/api/reminders/campaigns", "setter1", body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    assertThat(JSON.readTree(started.body()).path("createdBy").asText()).isEqualTo("setter1");
    campaigns.refresh();

    String[] reads = {"/api/reminders/campaigns", "/api/reminders/campaigns/" + id,
        "/api/reminders/campaigns/" + id + "/report", "/api/reminders/campaigns/" + id + "/report.csv",
        "/api/reminders/planning?baseline=0.3&uplift=0.05"};
    for (String path : reads) {
      for (String user : List.of("setter1", "opslead", "auditor1")) {
        expect(wrong, user, http.get(path, user), 200);
      }
      for (String user : List.of("cslead", "uxlead", "qclead", "agent1", "warehouse1")) {
        expect(wrong, user, http.get(path, user), 403);
      }
    }
    for (String user : List.of("cslead", "uxlead", "auditor1")) {
      expect(wrong, user, http.post("/api/reminders/campaigns/" + id + "/end", user, "{}"), 403);
      expect(wrong, user, http.put("/api/reminders/buyers/b-1/flag", user, "{\"kind\":\"OPT_OUT\"}"), 403);
    }
    assertThat(wrong).isEmpty();
    HttpResponse<String> ended = http.post("/api/reminders/campaigns/" + id + "/end", "opslead", "{}");
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(JSON.readTree(ended.body()).path("status").asText()).isEqualTo("ENDED");
    campaigns.refresh();
  }

  @Test
  void thePageThroughCockpitsSessionAppliesTheSameDepartmentRule() throws Exception {
    Campaign c = fx.campaign("0.10");
    List<String> wrong = new ArrayList<>();
    for (String user : List.of("opslead", "auditor1", "cslead", "uxlead")) {
      WebappSession session = WebappSession.login(port, user);
      assertThat(session.loginStatus()).as(user).isEqualTo(200);
      int expected = List.of("opslead", "auditor1").contains(user) ? 200 : 403;
      for (String path : List.of(PAGES + "reminders/report?campaign=" + c.id(),
          PAGES + "reminders/report.csv?campaign=" + c.id())) {
        HttpResponse<String> res = session.get(path);
        if (res.statusCode() != expected) {
          wrong.add(user + " " + path + ": " + res.statusCode() + " " + res.body());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theCallTaskIsAfterSalesOnTheEngineRestApi() throws Exception {
    Campaign c = fx.campaign("0");
    String no = orderNo();
    fx.register(no, unpaid(ReminderFixtures.buyerIn(c, Holdout.REMINDED), "VIP", "EXCLUSIVE", "BEAUTY", "1299.00",
        Instant.now()));
    poller.runOnce(ReminderFixtures.daytime(Duration.ofHours(1)));
    ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(PaymentReminderCallProcess.KEY)
        .processInstanceBusinessKey(no).singleResult();
    assertThat(pi).isNotNull();
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    // a call is the buyer's name, phone and order: other departments' supervisors do not read it, on any door
    for (String user : List.of("uxlead", "opslead", "whlead")) {
      assertThat(callsReadBy(user, no, false)).as(user).isZero();
    }
    assertThat(callsReadBy("cslead", no, false)).as("after-sales supervisor").isEqualTo(1);

    // another department's supervisor claims no call
    for (String user : List.of("uxlead", "opslead", "whlead")) {
      HttpResponse<String> claim = http.post("/engine-rest/task/" + task.getId() + "/claim", user,
          "{\"userId\":\"" + user + "\"}");
      assertThat(claim.statusCode()).as(user + ": " + claim.body()).isIn(403, 404);
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();

    // the Tasklist filters: agent1 sees it among the calls to make, not yet among theirs; other departments see none
    assertThat(filtered(ReminderTasklistFilters.CALLS_TO_MAKE, "agent1", no)).containsExactly(task.getId());
    assertThat(filtered(ReminderTasklistFilters.MY_CALLS, "agent1", no)).isEmpty();
    for (String user : List.of("uxlead", "setter1")) {
      assertThat(http.post("/engine-rest/filter/" + filterId(ReminderTasklistFilters.CALLS_TO_MAKE) + "/list", user,
          "{}").statusCode()).as(user).isIn(403, 404);
    }

    // the least-privileged person it is for: an after-sales agent claims and records the call
    HttpResponse<String> claim = http.post("/engine-rest/task/" + task.getId() + "/claim", "agent1",
        "{\"userId\":\"agent1\"}");
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    assertThat(filtered(ReminderTasklistFilters.MY_CALLS, "agent1", no)).containsExactly(task.getId());
    assertThat(filtered(ReminderTasklistFilters.CALLS_TO_MAKE, "agent1", no)).isEmpty();
    HttpResponse<String> foreign = http.post("/engine-rest/task/" + task.getId() + "/complete", "uxlead",
        "{\"variables\":{\"callOutcome\":{\"value\":\"REACHED\"}}}");
    assertThat(foreign.statusCode()).as(foreign.body()).isIn(403, 404);
    HttpResponse<String> done = http.post("/engine-rest/task/" + task.getId() + "/complete", "agent1",
        "{\"variables\":{\"callOutcome\":{\"value\":\"REACHED\"}}}");
    assertThat(done.statusCode()).as(done.body()).isIn(200, 204);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    // auditors read its history
    String historyBody = http.get("/engine-rest/history/process-instance?processDefinitionKey="
        + PaymentReminderCallProcess.KEY + "&processInstanceBusinessKey=" + no + "&firstResult=0&maxResults=10",
        "auditor1").body();
    assertThat(JSON.readTree(historyBody).size()).as(historyBody).isEqualTo(1);
    for (String user : List.of("uxlead", "opslead", "whlead")) {
      assertThat(callsReadBy(user, no, true)).as(user + ", history").isZero();
    }
    assertThat(callsReadBy("cslead", no, true)).as("after-sales supervisor, history").isEqualTo(1);
  }

  /**
   * How many of this order's call instances (running, or finished when {@code history}) {@code user} reads through
   * {@code /engine-rest} and through the webapps' own engine API in a Cockpit session; a refusal counts as none,
   * and both doors must agree.
   */
  private int callsReadBy(String user, String orderNo, boolean history) throws Exception {
    String path = (history ? "/history/process-instance" : "/process-instance") + "?processDefinitionKey="
        + PaymentReminderCallProcess.KEY + "&businessKey=" + orderNo + "&processInstanceBusinessKey=" + orderNo
        + "&firstResult=0&maxResults=10";
    HttpResponse<String> rest = http.get("/engine-rest" + path, user);
    HttpResponse<String> cockpit = WebappSession.login(port, user).get("/camunda/api/engine/engine/default" + path);
    int viaRest = rest.statusCode() == 200 ? JSON.readTree(rest.body()).size() : 0;
    int viaCockpit = cockpit.statusCode() == 200 ? JSON.readTree(cockpit.body()).size() : 0;
    assertThat(rest.statusCode()).as(user + " " + rest.body()).isIn(200, 403, 404);
    assertThat(cockpit.statusCode()).as(user + " " + cockpit.body()).isIn(200, 403, 404);
    assertThat(viaCockpit).as(user + ": both doors agree").isEqualTo(viaRest);
    return viaRest;
  }

  private String filterId(String name) {
    return filters.createFilterQuery().filterName(name).list().stream().filter(f -> f.getOwner() == null)
        .findFirst().orElseThrow().getId();
  }

  /** The ids of the filter's tasks of this order, as Tasklist lists them for {@code user}. */
  private List<String> filtered(String name, String user, String orderNo) throws Exception {
    HttpResponse<String> res = http.post("/engine-rest/filter/" + filterId(name) + "/list?firstResult=0"
        + "&maxResults=50", user, "{\"processInstanceBusinessKey\":\"" + orderNo + "\"}");
    assertThat(res.statusCode()).as(user + ": " + res.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(res.body()).forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  private static void expect(List<String> wrong, String user, HttpResponse<String> res, int status) {
    if (res.statusCode() != status) {
      wrong.add(user + " " + res.request().method() + " " + res.request().uri().getPath() + ": " + res.statusCode()
          + " " + res.body());
    }
  }
}
