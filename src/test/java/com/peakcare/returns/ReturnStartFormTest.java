package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.Shop;
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
    Shop.registerOrder(http, returnNo, "80.00", "HOME", "REGULAR");
    HttpResponse<String> res = submit(form(returnNo));

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    ReturnCaseView view = cases.view(returnNo);
    assertThat(view.timeline().get(0).actor()).isEqualTo("agent1");
    // issue 20: the amount is the order's line's price; a case staff opened is reviewed by a colleague, even one
    // the policy would approve
    assertThat(view.amount()).isEqualByComparingTo("80.00");
    assertThat(view.policyOutcome()).isEqualTo("MANUAL_REVIEW");
    assertThat(view.timeline()).anySatisfy(e -> assertThat(e.event()).isEqualTo("AUTO_APPROVAL_WITHHELD"));
    assertThat(view.assignee()).isNotEqualTo("agent1");
  }

  @Test
  void anInvalidStartFormIsRefusedWithTheFieldAndOpensNothing() throws Exception {
    String returnNo = "TL-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    Shop.registerOrder(http, returnNo, "80.00", "HOME", "REGULAR");
    ObjectNode form = form(returnNo);
    ((ObjectNode) form.path("variables")).putObject("itemQuantity").put("value", 0);

    HttpResponse<String> res = submit(form);

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("itemQuantity");
    assertThat(http.get("/api/returns/" + returnNo, "cslead").statusCode()).isEqualTo(404);
  }

  @Test
  void theCustomerAndThePricesComeFromTheOrderNotFromTheForm() throws Exception {
    String returnNo = "TL-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    Shop.registerOrder(http, returnNo, "80.00", "HOME", "REGULAR");
    ObjectNode form = form(returnNo);
    ObjectNode v = (ObjectNode) form.path("variables");
    v.putObject("customerPhone").put("value", "13900000000");
    v.putObject("itemUnitPrice").put("value", 9999);

    HttpResponse<String> res = submit(form);

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("customerPhone: 不是开单表单的字段", "itemUnitPrice: 不是开单表单的字段");
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

  /**
   * What Tasklist submits for forms/return-start.form (issue 20: the order, its line and units; no amount but for a
   * price difference, the rest comes from the order).
   */
  private static ObjectNode form(String returnNo) {
    ObjectNode body = RequestFingerprint.JSON.createObjectNode();
    body.put("businessKey", returnNo);
    ObjectNode v = body.putObject("variables");
    v.putObject("returnNo").put("value", returnNo);
    v.putObject("orderNo").put("value", Shop.orderNoOf(returnNo));
    v.putObject("type").put("value", "REFUND_ONLY");
    v.putObject("reason").put("value", "DAMAGED");
    v.putObject("deliveredAt").put("value", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString());
    v.putObject("itemSku").put("value", Shop.skuOf(returnNo));
    v.putObject("itemQuantity").put("value", 1);
    return body;
  }
}
