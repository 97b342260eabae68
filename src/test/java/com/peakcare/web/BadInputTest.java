package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.Shop;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: nothing a user or an integrator can send answers 5xx. Each wrong input below is a 400 (or 413) problem
 * naming the field and the rule, nothing is written, and nothing but one line is logged. The inputs are the ones the
 * issue found answering 500, on every door: /api, /engine-rest starts and completions, Tasklist's start form.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class BadInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  /** A price difference on the one line (120.00) of the return's own registered order. */
  private static String aPriceDifference(String returnNo, String amount, String quantity) {
    return "{\"returnNo\":\"" + returnNo + "\",\"orderNo\":\"" + Shop.orderNoOf(returnNo) + "\","
        + "\"type\":\"PRICE_DIFFERENCE\",\"reason\":\"PRICE_DIFFERENCE\",\"amount\":" + amount + ",\"lines\":"
        + "[{\"sku\":\"" + Shop.skuOf(returnNo) + "\",\"quantity\":" + quantity + "}]}";
  }

  @Test
  void moneyIsCheckedAtTheApi(CapturedOutput log) throws Exception {
    String no = "R-BAD-" + UUID.randomUUID().toString().substring(0, 8);
    Shop.registerOrder(http, no, "120.00", "APPAREL", "REGULAR");
    // duplicate keys: the last value must not silently win
    HttpResponse<String> twice = http.post("/api/returns", "shop1",
        aPriceDifference(no, "12.00", "1").replace("\"amount\":12.00", "\"amount\":12.00,\"amount\":99999"));
    assertProblem(twice, 400, "amount");
    // more than the line cost
    assertProblem(http.post("/api/returns", "shop1", aPriceDifference(no, "99999", "1")), 400, "amount");
    // a quantity of 1.5 is not read as 1
    assertProblem(http.post("/api/returns", "shop1", aPriceDifference(no, "12.00", "1.5")), 400, "lines[0].quantity");
    // what the order says is not the opener's to type (issue 20): an old client's fields are refused by name
    for (String field : List.of("\"customer\":{\"memberTier\":\"SVIP\"}", "\"memberTier\":\"SVIP\"",
        "\"items\":[{\"sku\":\"X\",\"unitPrice\":9999}]", "\"refundTo\":\"BANK:6222\"")) {
      HttpResponse<String> old = http.post("/api/returns", "shop1",
          aPriceDifference(no, "12.00", "1").replace("{\"returnNo\"", "{" + field + ",\"returnNo\""));
      assertProblem(old, 400, field.substring(1, field.indexOf('"', 1)));
      assertThat(old.body()).as(field).contains("unknown field");
    }
    // a category the shop does not sell is refused when the order is registered: the problem lists the ones it does
    HttpResponse<String> category = http.put("/api/orders/O-BAD-" + no, "shop1",
        Shop.orderJson(no, "120.00", "BOTTLES", "REGULAR"));
    assertProblem(category, 400, "lines[0].category");
    assertThat(category.body()).contains("APPAREL").contains("BABY");
    assertThat(jdbc.queryForObject("select count(*) from PC_RETURN_CASE where RETURN_NO = ?", Integer.class, no))
        .isZero();
    assertThat(http.post("/api/returns", "shop1", aPriceDifference(no, "12.00", "1")).statusCode()).isEqualTo(201);
    assertThat(log.getOut()).doesNotContain("\tat com.peakcare");
  }

  @Test
  void aStartThroughTheEngineApiOrTasklistIsA400NamingTheFieldNeverA500(CapturedOutput log) throws Exception {
    List<String> wrong = List.of(
        "{\"amount\":{\"value\":\"NaN\"}}",
        "{\"amount\":{\"value\":\"abc\",\"type\":\"String\"}}",
        "{\"itemQuantity\":{\"value\":1.5}}",
        "{\"itemUnitPrice\":{\"value\":true}}",
        "{\"type\":{\"value\":\"GIFT\"}}",
        "{\"reason\":{\"value\":42}}",
        "{\"memberTier\":{\"value\":\"PLATINUM\"}}",
        "{\"itemCategory\":{\"value\":\"BOTTLES\"}}",
        "{\"deliveredAt\":{\"value\":\"yesterday\"}}",
        "{\"customerName\":{\"value\":null}}",
        "{\"returnNo\":{\"value\":\"R 1 with spaces\"}}",
        "{\"customerPhone\":{\"value\":[1,2]}}",
        "{\"amount\":{\"value\":1e400}}");
    for (String variables : wrong) {
      for (String door : List.of("start", "submit-form")) {
        HttpResponse<String> res = http.post("/engine-rest/process-definition/key/return-case/" + door, "agent1",
            "{\"variables\":" + variables + "}");
        assertThat(res.statusCode()).as(door + " " + variables + ": " + res.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.path("message").asText()).as(variables).doesNotContain("Exception").doesNotContain("java.");
        assertThat(body.path("type").asText()).doesNotEndWith("Exception");
      }
    }
    assertThat(log.getOut()).doesNotContain("\tat com.peakcare").doesNotContain("NumberFormatException");
  }

  @Test
  void aCampaignHasLimitsAndKnownTypesAndARealGoLive() throws Exception {
    String code = "B-" + UUID.randomUUID().toString().substring(0, 8);
    String goLive = Instant.now().plus(4, ChronoUnit.DAYS).toString();
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 201; i++) {
      many.append(i == 0 ? "" : ",").append("{\"id\":\"i").append(i).append("\",\"type\":\"gift\",\"text\":\"前")
          .append(i).append("名送\",\"firstN\":").append(i + 1).append('}');
    }
    many.append(']');
    assertProblem(http.post("/api/campaigns", "setter1", campaign(code, goLive, many.toString())), 400, "items");
    assertProblem(http.post("/api/campaigns", "setter1", campaign(code, goLive,
        "[{\"id\":\"x\",\"type\":\"lottery\",\"text\":\"抽奖\"}]")), 400, "items[0].type");
    assertProblem(http.post("/api/campaigns", "setter1", campaign(code, "+999999999-12-31T23:59:59Z",
        "[{\"id\":\"x\",\"type\":\"gift\",\"text\":\"送\"}]")), 400, "goLiveAt");
    assertProblem(http.post("/api/campaigns", "setter1", campaign(code,
        Instant.now().plus(800, ChronoUnit.DAYS).toString(), "[{\"id\":\"x\",\"type\":\"gift\",\"text\":\"送\"}]")),
        400, "goLiveAt");
    // twenty flagged items start fine: findings are rows, not one text that outgrows a column
    StringBuilder flagged = new StringBuilder("[");
    for (int i = 0; i < 25; i++) {
      flagged.append(i == 0 ? "" : ",").append("{\"id\":\"f").append(i).append("\",\"type\":\"gift\",\"text\":\"前")
          .append(100 + i).append("名下单满99送杯\",\"threshold\":99,\"giftValue\":148,\"firstN\":100}");
    }
    flagged.append(']');
    HttpResponse<String> started = http.post("/api/campaigns", "setter1", campaign(code, goLive, flagged.toString()));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    assertThat(JSON.readTree(started.body()).path("findings").size()).isEqualTo(75);
  }

  @Test
  void aBodyLargerThanTheLimitIs413() {
    String big = "{\"description\":\"" + "x".repeat(1_100_000) + "\"}";
    HttpResponse<String> res = http.post("/api/campaigns/ANY/customer-reports", "agent1", big);
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(http.post("/engine-rest/task", "agent1", big).statusCode()).isEqualTo(413);
  }

  private static String campaign(String code, String goLive, String items) {
    return "{\"code\":\"" + code + "\",\"name\":\"双11\",\"goLiveAt\":\"" + goLive + "\",\"items\":" + items + "}";
  }

  private static void assertProblem(HttpResponse<String> res, int status, String field) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(JSON.readTree(res.body()).path("errors").findValuesAsText("field")).as(res.body()).contains(field);
  }
}
