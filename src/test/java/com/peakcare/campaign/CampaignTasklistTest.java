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
import java.util.Map;
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
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;
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
    // Tasklist loads the form's variables unserialised: the items as Json rows of the dynamic list
    JsonNode vars = JSON.readTree(http.get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false",
        "setter1").body());
    assertThat(vars.path("precheckFindings").path("value").asText()).contains("FIRST_N_UNVERIFIABLE").contains("bag");
    assertThat(vars.path("itemRows").path("type").asText()).isEqualTo("Json");
    assertThat(vars.path("itemRows").path("value").asText()).contains("前100名下单送帆布袋");
    assertThat(vars.path("itemTypeOptions").path("type").asText()).isEqualTo("Json");
  }

  @Test
  void aBadStartFormSaysWhichFieldIsWrongAndStartsNothing() {
    String code = aCode();
    String body = "{\"variables\":{\"code\":{\"value\":\"" + code + "\"},\"name\":{\"value\":\"x\"},"
        + "\"goLiveAt\":{\"value\":\"not a date\"},\"itemsJson\":{\"value\":\"[]\"}}}";
    HttpResponse<String> res = http.post("/engine-rest/process-definition/key/campaign-check/submit-form",
        "setter1", body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(res.body()).contains("itemsJson");
    assertThat(campaigns.find(code)).isEmpty();
  }

  @Test
  void theStartFormsItemRowsBecomeTheItemsAndArePreChecked() throws Exception {
    String code = aCode();
    // exactly what Tasklist sends for the dynamic list (recorded from the browser): a Json variable
    String rows = "[{\"type\":\"gift\",\"id\":\"\",\"text\":\"单笔实付满199元送248元保温杯\",\"threshold\":199,"
        + "\"giftValue\":248,\"firstN\":null,\"sku\":\"\"},{\"type\":\"banner\",\"id\":\"\",\"text\":"
        + "\"主会场入口图 到手价89\",\"bannerPrice\":89,\"itemPrice\":99,\"sku\":\"TEA-02\"}]";

    HttpResponse<String> started = http.post("/engine-rest/process-definition/key/campaign-check/submit-form",
        "setter1", startForm(code, rows));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    CampaignRecords.Version v1 = campaigns.currentVersion(code);
    assertThat(CampaignService.canonical(v1.items())).isEqualTo("[{\"bannerPrice\":89,\"id\":\"banner-1\","
        + "\"itemPrice\":99,\"sku\":\"TEA-02\",\"text\":\"主会场入口图 到手价89\",\"type\":\"banner\"},"
        + "{\"giftValue\":248,\"id\":\"gift-1\",\"text\":\"单笔实付满199元送248元保温杯\",\"threshold\":199,"
        + "\"type\":\"gift\"}]");
    assertThat(campaigns.findings(code, 1)).extracting(CampaignRecords.Finding::code, CampaignRecords.Finding::itemId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(PreCheck.BANNER_PRICE_MISMATCH, "banner-1"),
            org.assertj.core.groups.Tuple.tuple(PreCheck.GIFT_EXCEEDS_THRESHOLD, "gift-1"));
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
    // the set-up form shows the registered items as rows, read from the record when it loads; the start form's
    // fields are no process variables
    String setUp = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    org.camunda.bpm.engine.variable.value.SerializableValue shownRows = engine.getFormService()
        .getTaskFormVariables(setUp, null, false).getValueTyped(CampaignCheckProcess.Vars.ITEM_ROWS);
    assertThat(shownRows.getValueSerialized()).isEqualTo(CampaignService.canonical(v1.items()));
    assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("code", "name", CampaignCheckProcess.Vars.ITEM_ROWS);
  }

  @Test
  void aBadItemRowIsRefusedNamingTheRowAndFieldAndStartsNothing() {
    String code = aCode();
    String rows = "[{\"type\":\"gift\",\"text\":\"单笔实付满199元送保温杯\",\"threshold\":199},"
        + "{\"type\":\"banner\",\"text\":\"\",\"bannerPrice\":-89,\"itemPrice\":99}]";

    HttpResponse<String> res = http.post("/engine-rest/process-definition/key/campaign-check/submit-form",
        "setter1", startForm(code, rows));

    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(res.body()).contains("itemRows[1].bannerPrice", "itemRows[1].text", "第2行 · row 2, 入口图价 · Banner price");
    assertThat(campaigns.find(code)).isEmpty();
  }

  @Test
  void theSetUpFormSavesEditedRowsAsANewVersionAndRefusesABadRow() throws Exception {
    String code = aCode();
    http.post("/engine-rest/process-definition/key/campaign-check/submit-form", "setter1", startForm(code,
        "[{\"type\":\"gift\",\"text\":\"单笔实付满199元送248元保温杯\",\"threshold\":199,\"giftValue\":248}]"));
    String taskId = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId();
    JsonNode shown = JSON.readTree(JSON.readTree(http.get("/engine-rest/task/" + taskId
        + "/form-variables?deserializeValues=false", "setter1").body()).path("itemRows").path("value").asText());
    ((com.fasterxml.jackson.databind.node.ObjectNode) shown.get(0)).put("giftValue", -1);

    HttpResponse<String> refused = http.post("/engine-rest/task/" + taskId + "/submit-form", "setter1",
        "{\"variables\":{\"itemRows\":" + json(shown) + "}}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("itemRows[0].giftValue");
    assertThat(campaigns.require(code).currentVersion()).isEqualTo(1);

    ((com.fasterxml.jackson.databind.node.ObjectNode) shown.get(0)).put("giftValue", 148);
    HttpResponse<String> done = http.post("/engine-rest/task/" + taskId + "/submit-form", "setter1",
        "{\"variables\":{\"itemRows\":" + json(shown) + "}}");

    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(campaigns.require(code).currentVersion()).isEqualTo(2);
    assertThat(campaigns.currentVersion(code).items().get(0).giftValue()).isEqualByComparingTo("148");
    assertThat(campaigns.openFindings(code)).isEmpty();
  }

  /** Tasklist's start form submission: the campaign's fields, the rows as a Json variable. */
  private static String startForm(String code, String rows) {
    String goLive = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString()
        .replace(":00Z", "+00:00");
    return "{\"variables\":{\"code\":{\"value\":\"" + code + "\"},\"name\":{\"value\":\"双12 会场\"},"
        + "\"goLiveAt\":{\"value\":\"" + goLive + "\"},\"allHandsDeadline\":{\"value\":null},"
        + "\"itemRows\":{\"type\":\"Json\",\"valueInfo\":null,\"value\":" + quoted(rows) + "}}}";
  }

  /** A Json variable as Tasklist submits it: type Json, the value as a JSON string. */
  private static String json(JsonNode value) throws IOException {
    return "{\"type\":\"Json\",\"valueInfo\":{},\"value\":" + quoted(value.toString()) + "}";
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void auditorsReadTheHistoryOfCampaignChecks() throws Exception {
    String code = aCode();
    http.post("/api/campaigns", "setter1", CampaignApiTest.body(code, "", CampaignApiTest.CLEAN));
    JsonNode history = JSON.readTree(http.get("/engine-rest/history/process-instance?maxResults=10"
        + "&processInstanceBusinessKey=" + code, "auditor1").body());
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

  @Test
  void theItemFormsHaveOneRowFieldPerItemPropertyWithTheServersRules() throws IOException {
    List<String> properties = java.util.Arrays.stream(CampaignItem.class.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getName).toList();
    for (String ref : List.of(CampaignCheckProcess.Forms.START, CampaignCheckProcess.Forms.SET_UP)) {
      JsonNode form = JSON.readTree(Files.readString(Path.of("forms", ref + ".form")));
      JsonNode list = null;
      for (JsonNode c : form.path("components")) {
        if (c.path("type").asText().equals("dynamiclist")) {
          list = c;
        }
      }
      assertThat(list).as(ref + " has a dynamic list").isNotNull();
      assertThat(list.path("path").asText()).isEqualTo(CampaignCheckProcess.Vars.ITEM_ROWS);
      assertThat(list.path("allowAddRemove").asBoolean()).isTrue();
      assertThat(list.path("components").findValuesAsText("key")).containsExactlyInAnyOrderElementsOf(properties);
      assertThat(field(list, "type").path("validate").path("required").asBoolean()).isTrue();
      assertThat(field(list, "text").path("validate").path("required").asBoolean()).isTrue();
      assertThat(field(list, "text").path("validate").path("maxLength").asInt()).isEqualTo(1000);
      for (String price : List.of("threshold", "giftValue", "bannerPrice", "itemPrice")) {
        assertThat(field(list, price).path("type").asText()).isEqualTo("number");
        assertThat(field(list, price).path("validate").path("min").asInt()).as(price).isZero();
        assertThat(field(list, price).path("conditional").path("hide").asText()).as(price)
            .contains("this.type", "this." + price + " = null");
      }
      assertThat(field(list, "firstN").path("validate").path("min").asInt()).isEqualTo(1);
      assertThat(field(list, "firstN").path("decimalDigits").asInt()).isZero();
      // Tasklist 7.24 greys its own button once a row is edited (see README): the form carries a submit button
      assertThat(form.path("components").findValuesAsText("action")).contains("submit");
    }
    Map<String, String> offered = new java.util.LinkedHashMap<>();
    JSON.readTree(Files.readString(Path.of("forms", "campaign-start.form"))).findValue("values")
        .forEach(o -> offered.put(o.path("value").asText(), o.path("label").asText()));
    assertThat(offered).containsExactlyEntriesOf(ItemRows.TYPES);
    assertThat(JSON.readTree(Files.readString(Path.of("forms", "campaign-setup.form"))).findValue("valuesKey")
        .asText()).isEqualTo(CampaignCheckProcess.Vars.ITEM_TYPE_OPTIONS);
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
