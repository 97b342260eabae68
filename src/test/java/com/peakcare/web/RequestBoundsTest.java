package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20 point 9 and issue 26 points 2 and 3, as the attacks: paging past the end of an int, JSON nested 3,000 deep,
 * a list of 25,000 or-queries, a sort by an Object variable, a list without a bound. Each is a 400 naming what is wrong,
 * on every door (PeakCare's API, the engine's, the webapps'), logged in one line without a stack trace; and the log of
 * refusals cannot be flooded.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class RequestBoundsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  private static void assertProblem(HttpResponse<String> res, String field, String says) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    JsonNode errors = JSON.readTree(res.body()).path("errors");
    assertThat(errors.findValuesAsText("field")).as(res.body()).contains(field);
    assertThat(errors.toString()).contains(says);
  }

  private static void assertEngineRefusal(HttpResponse<String> res, String says) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    String message = JSON.readTree(res.body()).path("message").asText(null);
    assertThat(message == null ? res.body() : message).contains(says);
  }

  @Test
  void pagingOutOfRangeIsA400NamingTheParameterOnEveryList(CapturedOutput log) throws Exception {
    record List_(String path, String user) {}
    for (List_ list : List.of(new List_("/api/returns", "shop1"), new List_("/api/audit/signoffs", "auditor1"),
        new List_("/api/campaign-ledger", "auditor1"), new List_("/api/briefing-credits", "auditor1"))) {
      assertProblem(http.get(list.path() + "?page=10737419&size=200", list.user()), "page", "100000");
      assertProblem(http.get(list.path() + "?page=-1", list.user()), "page", "0 or more");
      assertProblem(http.get(list.path() + "?page=abc", list.user()), "page", "abc");
      assertProblem(http.get(list.path() + "?size=0", list.user()), "size", "between 1 and 200");
      assertProblem(http.get(list.path() + "?size=201", list.user()), "size", "between 1 and 200");
      assertThat(http.get(list.path() + "?page=3&size=7", list.user()).statusCode()).as(list.path()).isEqualTo(200);
    }
    // a CSV export is one page of up to 5,000 rows
    assertProblem(http.get("/api/audit/signoffs?format=csv&size=5001", "auditor1"), "size", "between 1 and 5000");
    assertThat(log.getOut()).doesNotContain("\tat ");
  }

  @Test
  void jsonNested3000DeepIsA400OnEveryDoor(CapturedOutput log) throws Exception {
    String deep = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
    String arrays = "[".repeat(3000) + "]".repeat(3000);

    assertProblem(http.post("/api/returns", "shop1", deep), "body", "at most 20 levels");
    assertProblem(http.post("/engine-rest/task", "agent1", deep), "body", "at most 20 levels");
    assertProblem(http.post("/engine-rest/task", "agent1", arrays), "body", "at most 20 levels");
    WebappSession tasklist = WebappSession.login(port, "agent1");
    assertProblem(tasklist.post("/camunda/api/engine/engine/default/task", deep), "body", "at most 20 levels");
    // 20 deep is read (and refused for what it says, not for its depth)
    String twenty = "{\"a\":".repeat(19) + "1" + "}".repeat(19);
    assertThat(http.post("/api/returns", "shop1", twenty).body()).doesNotContain("levels");
    assertThat(log.getOut()).doesNotContain("\tat ");
  }

  @Test
  void longListsAndManyOrQueriesAreA400NamingTheLimit(CapturedOutput log) throws Exception {
    String ids = IntStream.range(0, 1001).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
        .collect(Collectors.joining(",", "{\"processInstanceIds\":[", "]}"));
    assertProblem(http.post("/engine-rest/process-instance?maxResults=10", "agent1", ids), "body",
        "/processInstanceIds has more than 1000 entries");

    String manyOr = IntStream.range(0, 25_000).mapToObj(i -> "{\"name\":\"x" + i + "\"}")
        .collect(Collectors.joining(",", "{\"orQueries\":[", "]}"));
    assertProblem(http.post("/engine-rest/task?maxResults=10", "agent1", manyOr), "body", "/orQueries");

    String elevenOr = IntStream.range(0, 11).mapToObj(i -> "{\"name\":\"x" + i + "\"}")
        .collect(Collectors.joining(",", "{\"orQueries\":[", "]}"));
    assertEngineRefusal(http.post("/engine-rest/task?maxResults=10", "agent1", elevenOr), "at most 10 orQueries");
    String tenOr = IntStream.range(0, 10).mapToObj(i -> "{\"name\":\"x" + i + "\"}")
        .collect(Collectors.joining(",", "{\"orQueries\":[", "]}"));
    assertThat(http.post("/engine-rest/task?maxResults=10", "agent1", tenOr).statusCode()).isEqualTo(200);
    assertThat(log.getOut()).doesNotContain("\tat ").doesNotContain("StackOverflowError");
  }

  @Test
  void sortingByAnObjectOrUnknownTypeIsA400WithOneLineLogged(CapturedOutput log) throws Exception {
    String object = "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\","
        + "\"parameters\":{\"variable\":\"items\",\"type\":\"Object\"}}]}";
    String unknown = object.replace("Object", "Spreadsheet");

    assertEngineRefusal(http.post("/engine-rest/task?maxResults=10", "agent1", object),
        "Cannot order by variables of type object");
    assertEngineRefusal(http.post("/engine-rest/task?maxResults=10", "agent1", unknown), "unknown variable type");

    assertThat(log.getOut()).contains("POST /engine-rest/task by agent1 answered 400")
        .doesNotContain("\tat ").doesNotContain("ENGINE-16004");
  }

  @Test
  void anUnboundedOrHugeEngineListIsA400NamingTheLimit() throws Exception {
    assertEngineRefusal(http.get("/engine-rest/history/activity-instance", "auditor1"), "at most 2000 results");
    assertEngineRefusal(http.get("/engine-rest/history/activity-instance?maxResults=100000000", "auditor1"),
        "queryMaxResultsLimit");
    assertEngineRefusal(http.get("/engine-rest/variable-instance?deserializeValues=false", "agent1"), "maxResults");
    assertThat(http.get("/engine-rest/history/activity-instance?maxResults=1000", "auditor1").statusCode())
        .isEqualTo(200);
  }

  @Test
  void anIpLiteralEmailIsRefusedAtTheDoor() throws Exception {
    // the customer's contact arrives with the shop's order (issue 20): the door is PUT /api/orders/{orderNo}
    String order = com.peakcare.support.Shop.orderJson("R-EMAIL-1", "10.00", "APPAREL", "REGULAR")
        .replace("zhang.wei.r-email-1@example.com", "a@[127.0.0.1]");
    assertProblem(http.put("/api/orders/O-EMAIL-1", "shop1", order), "contact.email", "不是可投递的邮箱地址");
  }

  @Test
  void refusalsCannotFillTheLog(CapturedOutput log) {
    String kind = "flood-" + UUID.randomUUID();
    var logger = LoggerFactory.getLogger(RequestBoundsTest.class);
    for (int i = 0; i < 1000; i++) {
      RefusalLog.info(logger, kind, "refused request {} of {}", i, kind);
    }
    assertThat(log.getOut().lines().filter(l -> l.contains("of " + kind))).hasSize(RefusalLog.PER_MINUTE);

    RefusalLog.endMinute(kind);
    RefusalLog.info(logger, kind, "refused request {} of {}", 1000, kind);

    assertThat(log.getOut()).contains("970 more of kind " + kind + " in the last minute, not logged one by one")
        .contains("refused request 1000 of " + kind);
  }
}
