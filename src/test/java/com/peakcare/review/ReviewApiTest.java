package com.peakcare.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review API over real HTTP, security included, as the people it is for and the ones it is not: the shop's system
 * sends batches (shop1), the departments' leads (whlead) upload exports, open cycles and read the meeting, auditors
 * read only, agents, clerks and the shop's system do not read the meeting.
 */
@PeakCareTest
class ReviewApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  static String review(String order, String sku, Object stars, String text, String followUp) {
    ObjectMapper m = new ObjectMapper();
    var node = m.createObjectNode().put("orderNo", order).put("sku", sku).put("text", text)
        .put("reviewedAt", "2026-11-14T10:15:00+08:00");
    if (stars instanceof Integer i) {
      node.put("stars", i);
    } else {
      node.put("stars", String.valueOf(stars));
    }
    if (followUp != null) {
      node.put("followUp", followUp).put("followUpAt", "2026-11-20T09:00:00+08:00");
    }
    return node.toString();
  }

  static String batch(String... reviews) {
    return "{\"reviews\":[" + String.join(",", reviews) + "]}";
  }

  @Test
  void aBatchIsAnalysedAndTheSameReviewSentAgainIsTheSameReview() throws Exception {
    String order = ReviewFixtures.order();
    String late = review(order, "TS-01", 5, "衣服质量很好，但是物流太慢了，等了一个星期才到。", null);

    HttpResponse<String> first = http.post("/api/reviews", "shop1", batch(late,
        review(order, "TS-02", 5, "好评，面料舒服。", null)));

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.path("created").asInt()).isEqualTo(2);
    JsonNode r = body.path("results").get(0);
    assertThat(r.path("outcome").asText()).isEqualTo("CREATED");
    assertThat(r.path("hiddenNegative").asBoolean()).isTrue();
    assertThat(r.path("issues").get(0).path("category").asText()).isEqualTo("LOGISTICS");
    assertThat(r.path("issues").get(0).path("label").asText()).isEqualTo("物流快递 · Logistics");
    assertThat(r.path("issues").get(0).path("clause").asText()).isEqualTo("但是物流太慢了");
    assertThat(r.path("issues").get(0).path("words").toString()).contains("物流", "太慢");
    assertThat(body.path("results").get(1).path("hiddenNegative").asBoolean()).isFalse();

    // the same review again, its stars as text this time: the same review
    HttpResponse<String> again = http.post("/api/reviews", "shop1", batch(review(order, "TS-01", "5",
        "衣服质量很好，但是物流太慢了，等了一个星期才到。", null)));
    assertThat(JSON.readTree(again.body()).path("results").get(0).path("outcome").asText()).isEqualTo("UNCHANGED");

    // its follow-up arrives: the review's new state, analysed again
    HttpResponse<String> followUp = http.post("/api/reviews", "shop1", batch(review(order, "TS-01", 5,
        "衣服质量很好，但是物流太慢了，等了一个星期才到。", "洗了两次就起球了。")));
    JsonNode updated = JSON.readTree(followUp.body()).path("results").get(0);
    assertThat(updated.path("outcome").asText()).isEqualTo("UPDATED");
    assertThat(updated.path("issues").toString()).contains("QUALITY", "FOLLOW_UP");
  }

  @Test
  void aBadRowIsA400NamingItsFieldAndNothingOfTheBatchIsWritten() throws Exception {
    String order = ReviewFixtures.order();
    String good = review(order, "A", 4, "不错", null);

    HttpResponse<String> bad = http.post("/api/reviews", "shop1", batch(good, review(order, "B", 6, "x", null),
        review(order, "C", 3, "x", null).replace("\"reviewedAt\":\"2026-11-14T10:15:00+08:00\"", "\"reviewedAt\":null"),
        review(order, "A", 4, "again", null), review(order, "D", "4.5", "x", null)));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/problem+json"));
    assertThat(bad.body()).doesNotContain("Exception", "at com.");
    JsonNode errors = JSON.readTree(bad.body()).path("errors");
    assertThat(errors.toString()).contains("reviews[4].stars");
    HttpResponse<String> rows = http.post("/api/reviews", "shop1", batch(good, review(order, "B", 6, "x", null),
        review(order, "C", 3, "x", null).replace("\"reviewedAt\":\"2026-11-14T10:15:00+08:00\"", "\"reviewedAt\":null"),
        review(order, "A", 4, "again", null)));
    assertThat(rows.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(rows.body()).path("errors").toString())
        .contains("reviews[1].stars", "reviews[2].reviewedAt");
    HttpResponse<String> twice = http.post("/api/reviews", "shop1", batch(good, review(order, "A", 4, "again", null)));
    assertThat(JSON.readTree(twice.body()).path("errors").toString()).contains("reviews[1].sku");

    HttpResponse<String> alone = http.post("/api/reviews", "shop1", batch(good));
    assertThat(JSON.readTree(alone.body()).path("results").get(0).path("outcome").asText())
        .as("nothing of the refused batches was written").isEqualTo("CREATED");
  }

  @Test
  void onlyTheShopsSystemSendsBatches() {
    String one = batch(review(ReviewFixtures.order(), "A", 5, "好", null));
    for (String user : List.of("agent1", "whlead", "auditor1", "warehouse1")) {
      assertThat(http.post("/api/reviews", user, one).statusCode()).as(user).isEqualTo(403);
    }
    assertThat(http.post("/api/reviews", null, one).statusCode()).isEqualTo(401);
  }

  @Test
  void theMeetingIsForLeadsAndAuditorsOnly() {
    assertThat(http.get("/api/reviews/meeting", "whlead").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/reviews/meeting", "auditor1").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/reviews/meeting.csv", "qclead").statusCode()).isEqualTo(200);
    for (String user : List.of("agent1", "shop1", "warehouse1", "setter1")) {
      HttpResponse<String> refused = http.get("/api/reviews/meeting", user);
      assertThat(refused.statusCode()).as(user).isEqualTo(403);
      assertThat(refused.body()).contains("Your groups may not read reviews/meeting");
      assertThat(http.get("/api/reviews/meeting.csv", user).statusCode()).as(user).isEqualTo(403);
    }
    assertThat(http.get("/api/reviews/meeting?cycle=RC-NOPE", "whlead").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/reviews/meeting?trend=0", "whlead").body()).contains("trend");
  }

  @Test
  void aLeadOpensACycleAfterASaleAndReadsItsFiguresAsJsonAndCsv() throws Exception {
    for (String user : List.of("auditor1", "agent1", "shop1")) {
      assertThat(http.post("/api/review-cycles", user, "{}").statusCode()).as(user).isEqualTo(403);
    }
    String order = ReviewFixtures.order();
    http.post("/api/reviews", "shop1", batch(review(order, "A", 5, "包装很好，可惜赠品没有收到。", null)));

    HttpResponse<String> opened = http.post("/api/review-cycles", "whlead", "{\"label\":\"双11大促后\"}");

    assertThat(opened.statusCode()).isEqualTo(201);
    JsonNode cycle = JSON.readTree(opened.body()).path("cycle");
    assertThat(cycle.path("status").asText()).isEqualTo("GATHERING");
    assertThat(cycle.path("label").asText()).isEqualTo("双11大促后");
    String id = cycle.path("id").asText();
    assertThat(opened.headers().firstValue("Location")).hasValue("/api/review-cycles/" + id);
    assertThat(http.get("/api/review-cycles/" + id, "auditor1").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/review-cycles/" + id, "agent1").statusCode()).isEqualTo(403);
    HttpResponse<String> csv = http.get("/api/reviews/meeting.csv?cycle=" + id, "whlead");
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("\uFEFF").contains("类别 · Category", "赠品 · Gift");
  }

  @Test
  void aLeadUploadsAPlatformExportWithChineseColumnsAndShopTimes() throws Exception {
    String order = ReviewFixtures.order();
    String csv = "订单编号,商家编码,评分,评价内容,追评内容,评价时间\n"
        + order + ",TS-01,5,\"衣服很好看，就是尺码偏小，建议拍大一码\",,2026-11-14 10:15:00\n"
        + order + ",TS-02,1,\"假货，和专柜的完全不一样\",\"客服也不理人\",2026-11-14 11:00\n";

    HttpResponse<String> uploaded = http.send(http.request("/api/reviews/csv", "whlead")
        .header("Content-Type", "text/csv").header("X-Requested-By", "shop-export").POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build());

    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(uploaded.body());
    assertThat(body.path("created").asInt()).isEqualTo(2);
    assertThat(body.path("results").get(0).path("issues").get(0).path("category").asText()).isEqualTo("SIZE");
    assertThat(http.send(http.request("/api/reviews/csv", "auditor1").header("Content-Type", "text/csv").header("X-Requested-By", "shop-export")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build()).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = http.send(http.request("/api/reviews/csv", "whlead").header("Content-Type", "text/csv").header("X-Requested-By", "shop-export")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("订单编号,商家编码,评分,评价时间\n"
            + ReviewFixtures.order() + ",X,五颗星,2026-11-14\n")).build());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("reviews[0].stars", "line 2");
    assertThat(http.send(http.request("/api/reviews/csv", "whlead").header("Content-Type", "text/csv").header("X-Requested-By", "shop-export")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")).build()).body())
        .contains("header", "orderNo");
  }

  @Test
  void theAnalysisExplainsAText() throws Exception {
    HttpResponse<String> r = http.post("/api/reviews/analyse", "whlead",
        "{\"stars\":4,\"text\":\"咖啡很香，只是包装袋的单向阀坏了，有点漏气。\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("hiddenNegative").asBoolean()).isTrue();
    assertThat(body.path("issues").get(0).path("category").asText()).isEqualTo("PACKAGING");
    assertThat(body.path("clauses").size()).isEqualTo(3);
    assertThat(http.post("/api/reviews/analyse", "agent1", "{\"stars\":4,\"text\":\"x\"}").statusCode())
        .isEqualTo(403);
    assertThat(Instant.now()).isNotNull();
  }
}
