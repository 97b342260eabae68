package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Staff open a case from Tasklist's start form (forms/return-start.form), which submits through the engine API. */
@PeakCareTest
class ReturnStartFormTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired ReturnCases cases;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void anAgentOpensACaseFromTheStartForm() throws Exception {
    String returnNo = "TL-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    HttpResponse<String> res = submit(form(returnNo));

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    ReturnCaseView view = cases.view(returnNo);
    assertThat(view.timeline().get(0).actor()).isEqualTo("agent1");
    assertThat(view.policyOutcome()).isEqualTo("AUTO_APPROVE");
    assertThat(view.amount()).isEqualByComparingTo("80.00");
  }

  @Test
  void anInvalidStartFormIsRefusedWithTheFieldAndOpensNothing() throws Exception {
    String returnNo = "TL-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    ObjectNode form = form(returnNo);
    ((ObjectNode) form.path("variables")).putObject("customerPhone").put("value", "no phone");

    HttpResponse<String> res = submit(form);

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("customerPhone");
    assertThat(http.get("/api/returns/" + returnNo, "cslead").statusCode()).isEqualTo(404);
  }

  @Test
  void theWarehouseMayNotOpenCasesFromTasklist() throws Exception {
    String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(ReturnCaseProcess.KEY)
        .latestVersion().singleResult().getId();
    HttpResponse<String> res = http.post("/engine-rest/process-definition/" + id + "/submit-form", "warehouse1",
        form("TL-X").toString());
    assertThat(res.statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> submit(ObjectNode form) {
    String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(ReturnCaseProcess.KEY)
        .latestVersion().singleResult().getId();
    return http.post("/engine-rest/process-definition/" + id + "/submit-form", "agent1", form.toString());
  }

  /** What Tasklist submits for forms/return-start.form. */
  private static ObjectNode form(String returnNo) {
    ObjectNode body = RequestFingerprint.JSON.createObjectNode();
    body.put("businessKey", returnNo);
    ObjectNode v = body.putObject("variables");
    v.putObject("returnNo").put("value", returnNo);
    v.putObject("orderNo").put("value", "O-" + returnNo);
    v.putObject("type").put("value", "REFUND_ONLY");
    v.putObject("reason").put("value", "DAMAGED");
    v.putObject("amount").put("value", 80);
    v.putObject("deliveredAt").put("value", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString());
    v.putObject("customerName").put("value", "李娜");
    v.putObject("customerPhone").put("value", "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
    v.putObject("memberTier").put("value", "REGULAR");
    v.putObject("customerLocale").put("value", "zh-CN");
    v.putObject("customerProvince").put("value", "广东");
    v.putObject("itemSku").put("value", "SKU-TL");
    v.putObject("itemName").put("value", "保温杯");
    v.putObject("itemCategory").put("value", "HOME");
    v.putObject("itemQuantity").put("value", 1);
    v.putObject("itemUnitPrice").put("value", 80);
    return body;
  }
}
