package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignFixtures.aCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What Tasklist does: start from the start form, load each task's Camunda Form and its variables. */
@PeakCareTest
class CampaignTasklistTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;
  @Autowired CampaignService campaigns;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void opsStartACampaignFromTheStartFormAndTheSetUpFormShowsTheFindings() throws Exception {
    String code = aCode();
    String goLive = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString()
        .replace(":00Z", "+00:00");
    String items = JSON.writeValueAsString("[{\"id\":\"bag\",\"type\":\"gift\",\"text\":\"前100名下单送帆布袋\"}]");
    String body = "{\"variables\":{\"code\":{\"value\":\"" + code + "\"},\"name\":{\"value\":\"618 会场\"},"
        + "\"goLiveAt\":{\"value\":\"" + goLive + "\"},\"itemsJson\":{\"value\":" + items + "}}}";

    assertThat(http.post("/engine-rest/process-definition/key/campaign-check/submit-form", "staff1", body)
        .statusCode()).isEqualTo(403);
    HttpResponse<String> started = http.post("/engine-rest/process-definition/key/campaign-check/submit-form",
        "setter1", body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(pi).as("business key = campaign code").isNotNull();
    assertThat(campaigns.require(code).setter()).isEqualTo("setter1");
    assertThat(runtime.getVariables(pi.getId()).keySet())
        .doesNotContain("code", "name")
        .contains("campaignCode", "setter", "goLiveAt", "allHandsDeadline");
    assertThat(runtime.getVariable(pi.getId(), "goLiveAt")).isInstanceOf(java.util.Date.class);

    String taskId = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    HttpResponse<String> form = http.get("/engine-rest/task/" + taskId + "/deployed-form", "setter1");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(form.body()).path("id").asText()).isEqualTo("campaign-setup");
    JsonNode vars = JSON.readTree(http.get("/engine-rest/task/" + taskId + "/form-variables", "setter1").body());
    assertThat(vars.path("precheckFindings").path("value").asText()).contains("FIRST_N_UNVERIFIABLE").contains("bag");
    assertThat(vars.path("itemsJson").path("value").asText()).contains("前100名下单送帆布袋");
  }

  @Test
  void aBadStartFormSaysWhichFieldIsWrongAndStartsNothing() {
    String code = aCode();
    String body = "{\"variables\":{\"code\":{\"value\":\"" + code + "\"},\"name\":{\"value\":\"x\"},"
        + "\"goLiveAt\":{\"value\":\"not a date\"},\"itemsJson\":{\"value\":\"[]\"}}}";
    HttpResponse<String> res = http.post("/engine-rest/process-definition/key/campaign-check/submit-form",
        "setter1", body);
    assertThat(res.statusCode()).isNotEqualTo(200);
    assertThat(res.body()).contains("itemsJson");
    assertThat(campaigns.find(code)).isEmpty();
  }

  @Test
  void auditorsReadTheHistoryOfCampaignChecks() throws Exception {
    String code = aCode();
    http.post("/api/campaigns", "setter1", CampaignApiTest.body(code, "", CampaignApiTest.CLEAN));
    JsonNode history = JSON.readTree(http.get("/engine-rest/history/process-instance?processInstanceBusinessKey="
        + code, "auditor1").body());
    assertThat(history).hasSize(1);
    assertThat(history.get(0).path("processDefinitionKey").asText()).isEqualTo("campaign-check");
  }

  @Test
  void everyUserTaskAndTheStartEventHaveADeployedCamundaForm() throws IOException {
    BpmnModelInstance model = repository.getBpmnModelInstance(repository.createProcessDefinitionQuery()
        .processDefinitionKey(CampaignCheckProcess.KEY).latestVersion().singleResult().getId());
    Collection<UserTask> userTasks = model.getModelElementsByType(UserTask.class);
    assertThat(userTasks).hasSize(9);
    List<String> refs = new java.util.ArrayList<>(userTasks.stream().map(UserTask::getCamundaFormRef).toList());
    refs.add(model.getModelElementsByType(StartEvent.class).stream()
        .filter(e -> e.getId().equals(CampaignCheckProcess.Elements.START)).findFirst().orElseThrow()
        .getCamundaFormRef());
    for (String ref : refs) {
      assertThat(ref).isNotNull();
      JsonNode form = JSON.readTree(Files.readString(Path.of("forms", ref + ".form")));
      assertThat(form.path("id").asText()).isEqualTo(ref);
      assertThat(form.path("type").asText()).isEqualTo("default");
    }
    JsonNode check = JSON.readTree(Files.readString(Path.of("forms", "campaign-check.form")));
    JsonNode errorCount = field(check, "errorCount");
    assertThat(errorCount.path("type").asText()).isEqualTo("number");
    assertThat(errorCount.path("validate").path("required").asBoolean()).isTrue();
    assertThat(errorCount.path("validate").path("min").asInt()).isZero();
    assertThat(errorCount.path("decimalDigits").asInt()).isZero();
    JsonNode notes = field(check, "errorNotes");
    assertThat(notes.path("validate").path("required").asBoolean()).isTrue();
    assertThat(notes.path("conditional").path("hide").asText()).contains("errorCount");
    assertThat(field(JSON.readTree(Files.readString(Path.of("forms", "campaign-setup.form"))), "precheckFindings")
        .path("disabled").asBoolean()).isTrue();
  }

  private static JsonNode field(JsonNode form, String key) {
    for (JsonNode c : form.path("components")) {
      if (key.equals(c.path("key").asText())) {
        return c;
      }
    }
    throw new AssertionError("no field " + key);
  }
}
