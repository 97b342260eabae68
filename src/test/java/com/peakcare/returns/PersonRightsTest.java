package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.ofCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A person's rights over HTTP (issue 27): an after-sales supervisor exports a customer's data as a file and asks for
 * its erasure; a second one approves; the refund survives. The attacks: an agent exporting or erasing, the supervisor
 * approving their own request, an erasure while a case is still open. Every act and refusal is on the trail.
 */
@PeakCareTest
class PersonRightsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired org.camunda.bpm.engine.HistoryService historyService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void aSupervisorExportsACustomerAndASecondSupervisorErasesThemButTheRefundStays() throws Exception {
    String phone = uniquePhone();
    ReturnRequest request = ofCustomer(aSmallRefund(), "司马光", phone, "sima.guang@example.com");
    closedCase(request);
    String buyer = buyer(request);

    // the file, found by phone: the order with its contact, the case, its notices with their text
    HttpResponse<String> file = http.post("/api/privacy/exports", "cslead", "{\"phone\":\"" + phone + "\"}");
    assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
        assertThat(v).startsWith("attachment").contains("personal-data-subject-"));
    JsonNode export = JSON.readTree(file.body());
    assertThat(export.path("orders").get(0).path("CONTACT_PHONE").asText()).isEqualTo(phone);
    assertThat(export.path("returns").get(0).path("RETURN_NO").asText()).isEqualTo(request.returnNo());
    assertThat(export.path("notices").size()).isPositive();
    assertThat(export.path("notices").get(0).path("BODY").asText()).isNotBlank();

    // erasure: asked by one supervisor, refused to the same one, approved by another
    HttpResponse<String> asked = http.post("/api/privacy/erasures", "cslead", "{\"buyerId\":\"" + buyer
        + "\",\"reason\":\"customer asked by hotline 2026-11-20\"}");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    String id = JSON.readTree(asked.body()).path("id").asText();
    assertThat(JSON.readTree(asked.body()).path("status").asText()).isEqualTo("PENDING");
    assertThat(http.post("/api/privacy/erasures/" + id + "/approval", "cslead", "{}").statusCode())
        .as("the requester approving their own erasure").isEqualTo(403);
    assertThat(phoneOf(request)).as("nothing erased yet").isEqualTo(phone);

    HttpResponse<String> approved = http.post("/api/privacy/erasures/" + id + "/approval", "cslead2", "{}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode done = JSON.readTree(approved.body());
    assertThat(done.path("status").asText()).isEqualTo("DONE");
    assertThat(done.path("erased").path("orders").asInt()).isEqualTo(1);

    assertThat(phoneOf(request)).isEmpty();
    assertThat(jdbc.queryForObject("select BUYER_ID from PC_ORDER where ORDER_NO = ?", String.class, request.orderNo()))
        .startsWith("erased-");
    assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE where CASE_REF = ? and (BODY <> '' or "
        + "CUSTOMER_PHONE is not null or CUSTOMER_EMAIL is not null)", Integer.class, request.returnNo())).isZero();
    assertThat(jdbc.queryForObject("select FACTS_JSON from PC_RETURN_CASE where RETURN_NO = ?", String.class,
        request.returnNo())).doesNotContain(buyer);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(request.returnNo())
        .count()).as("the ended case's engine history").isZero();
    // the money stays: the refund with its order and amount, the order's refunded sum
    assertThat(jdbc.queryForObject("select AMOUNT from PC_REFUND where RETURN_NO = ?", BigDecimal.class,
        request.returnNo())).isEqualByComparingTo("80.00");
    assertThat(jdbc.queryForObject("select REFUNDED from PC_ORDER where ORDER_NO = ?", BigDecimal.class,
        request.orderNo())).isEqualByComparingTo("80.00");
    // the same person is no longer found by phone
    JsonNode after = JSON.readTree(http.post("/api/privacy/exports", "cslead", "{\"phone\":\"" + phone + "\"}").body());
    assertThat(after.path("orders").size()).isZero();

    // the trail: export, request, refusal, erasure, by whom; never the phone
    String trail = http.get("/api/privacy/trail", "cslead2").body();
    assertThat(trail).contains("EXPORTED", "ERASURE_REQUESTED", "REFUSED", "ERASED", id).doesNotContain(phone);
    assertThat(http.post("/api/privacy/erasures/" + id + "/approval", "cslead2", "{}").statusCode())
        .as("decided once").isEqualTo(409);
  }

  @Test
  void anAgentNeitherExportsNorErasesAndTheRefusalIsOnTheTrail() {
    ReturnRequest request = ofCustomer(aSmallRefund(), "王五", uniquePhone(), "wang.wu@example.com");
    closedCase(request);
    String buyer = buyer(request);

    assertThat(http.post("/api/privacy/exports", "agent1", "{\"buyerId\":\"" + buyer + "\"}").statusCode())
        .isEqualTo(403);
    assertThat(http.post("/api/privacy/erasures", "agent1", "{\"buyerId\":\"" + buyer + "\",\"reason\":\"x\"}")
        .statusCode()).isEqualTo(403);
    // a supervisor of another department is no after-sales supervisor; the warehouse has no door at all
    assertThat(http.post("/api/privacy/erasures", "opslead", "{\"buyerId\":\"" + buyer + "\",\"reason\":\"x\"}")
        .statusCode()).isEqualTo(403);
    assertThat(http.post("/api/privacy/exports", "warehouse1", "{\"buyerId\":\"" + buyer + "\"}").statusCode())
        .isEqualTo(403);
    assertThat(phoneOf(request)).isNotBlank();
    assertThat(jdbc.queryForObject("select count(*) from PC_PRIVACY_TRAIL where ACTOR = 'agent1' and EVENT = 'REFUSED'",
        Integer.class)).isGreaterThanOrEqualTo(2);

    // an agent approving a supervisor's request
    String id = jsonOf(http.post("/api/privacy/erasures", "cslead", "{\"buyerId\":\"" + buyer
        + "\",\"reason\":\"asked by e-mail\"}")).path("id").asText();
    assertThat(http.post("/api/privacy/erasures/" + id + "/approval", "agent1", "{}").statusCode()).isEqualTo(403);
    assertThat(phoneOf(request)).isNotBlank();
  }

  @Test
  void anErasureWaitsWhileACaseStillNeedsTheContact() {
    ReturnRequest request = ofCustomer(aReturnForReview(), "赵六", uniquePhone(), "zhao.liu@example.com");
    shop.openFromForm(request, "shop1");
    String id = jsonOf(http.post("/api/privacy/erasures", "cslead", "{\"buyerId\":\"" + buyer(request)
        + "\",\"reason\":\"asked in the app\"}")).path("id").asText();

    HttpResponse<String> approval = http.post("/api/privacy/erasures/" + id + "/approval", "cslead2", "{}");
    assertThat(approval.statusCode()).as(approval.body()).isEqualTo(409);
    assertThat(approval.body()).as("names what still needs it").contains(request.orderNo());
    assertThat(phoneOf(request)).isNotBlank();
  }

  @Test
  void badInputNamesTheField() throws Exception {
    HttpResponse<String> both = http.post("/api/privacy/exports", "cslead", "{\"buyerId\":\"b\",\"phone\":\"13800000000\"}");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.body()).contains("\"field\":\"phone\"");
    HttpResponse<String> noReason = http.post("/api/privacy/erasures", "cslead", "{\"buyerId\":\"b\"}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("\"field\":\"reason\"");
    assertThat(http.post("/api/privacy/exports", "cslead", "{\"buyerId\":\"b\",\"email\":\"x@example.com\"}")
        .statusCode()).as("an unknown field").isEqualTo(400);
  }

  private void closedCase(ReturnRequest request) {
    ProcessInstance pi = shop.openFromForm(request, "shop1");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(pi.getId()).singleResult()
        .getId());
    assertThat(cases.view(request.returnNo()).status()).isEqualTo(ReturnCaseProcess.Status.CLOSED);
  }

  private String buyer(ReturnRequest request) {
    return jdbc.queryForObject("select BUYER_ID from PC_ORDER where ORDER_NO = ?", String.class, request.orderNo());
  }

  private String phoneOf(ReturnRequest request) {
    return jdbc.queryForObject("select CONTACT_PHONE from PC_ORDER where ORDER_NO = ?", String.class,
        request.orderNo());
  }

  private static String uniquePhone() {
    return "137" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  private static JsonNode jsonOf(HttpResponse<String> res) {
    try {
      return JSON.readTree(res.body());
    } catch (Exception e) {
      throw new AssertionError(res.statusCode() + " " + res.body(), e);
    }
  }
}
