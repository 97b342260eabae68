package com.peakcare.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.web.RefusalLogMinutes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, point 6: a caller's mistake is logged as one line, without a stack trace, on PeakCare's API and on the
 * engine's REST API alike; a stack trace is kept for PeakCare's own faults. Before, a task form value that a rule
 * refused (400 on /engine-rest) wrote two stack traces of about 200 lines each (ENGINE-16004 at ERROR, then
 * ENGINE-REST-HTTP500 or nothing), and the mistakes on /api wrote nothing at all.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class UserErrorLogTest {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void aRefusedTaskFormOnTheEngineRestApiIsOneLine(CapturedOutput output) {
    String returnNo = Faults.aReturnNo();
    assertThat(http.post("/api/returns", "shop1", aReturnForReviewBy(returnNo, "agent1")).statusCode()).isEqualTo(201);
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(returnNo).singleResult().getId();

    // the review needs a decision note when it refuses: the form rule answers 400
    List<String> log = logOf(output, () -> http.post("/engine-rest/task/" + taskId + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":false}}}"), 400);

    assertThat(log).as("one line, naming the request and the refused field").singleElement().satisfies(line -> {
      assertThat(line).contains(" INFO ").contains("POST /engine-rest/task/" + taskId + "/complete by agent1")
          .contains("answered 400").contains("decisionNote");
    });
  }

  @Test
  void mistakesOnTheEngineRestApiAreOneLineEach(CapturedOutput output) {
    assertOneLine(output, () -> http.get("/engine-rest/process-definition/key/no-such-process", "agent1"), 404);
    assertOneLine(output, () -> http.post("/engine-rest/process-definition/key/campaign-check/submit-form", "agent1",
        "{\"variables\":{}}"), 403);
    assertOneLine(output, () -> http.post("/engine-rest/task/nope/complete", "agent1", "{bad json"), 400);
    // Camunda answers completing a task that does not exist with 500: still the caller's mistake, one WARN line
    List<String> missing = logOf(output, () -> http.post("/engine-rest/task/no-such-task/complete", "agent1", "{}"),
        500);
    assertThat(missing).singleElement().satisfies(line ->
        assertThat(line).contains(" WARN ").contains("answered 500").contains("Cannot find task"));
  }

  @Test
  void mistakesOnPeakCaresApiAreOneLineEach(CapturedOutput output) {
    List<String> invalid = logOf(output, () -> http.post("/api/returns", "shop1", "{\"returnNo\":\"\"}"), 400);
    assertThat(invalid).singleElement().satisfies(line ->
        assertThat(line).contains(" INFO ").contains("POST /api/returns by shop1 answered 400").contains("returnNo"));
    assertOneLine(output, () -> http.get("/api/returns/R-000000000", "shop1"), 404);
    assertOneLine(output, () -> http.post("/api/campaigns", "agent1", "{\"code\":\"X\",\"name\":\"n\","
        + "\"goLiveAt\":\"2030-01-01T00:00:00Z\",\"items\":[{\"id\":\"a\",\"type\":\"gift\",\"text\":\"x\"}]}"), 403);
  }

  private void assertOneLine(CapturedOutput output, Supplier<HttpResponse<String>> request, int status) {
    List<String> log = logOf(output, request, status);
    assertThat(log).as("the log of one " + status).singleElement()
        .satisfies(line -> assertThat(line).contains("answered " + status));
  }

  /** The lines logged while the request ran; fails on any stack trace among them. */
  private static List<String> logOf(CapturedOutput output, Supplier<HttpResponse<String>> request, int status) {
    // the suite's other tests may have used this minute's share of these kinds (RefusalLog): start them afresh
    RefusalLogMinutes.startAfresh("api-" + status, "engine-" + status);
    int from = output.getAll().length();
    HttpResponse<String> res = request.get();
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    // a fresh minute opens with the count of the other tests' refusals the last one left out: not this request's line
    List<String> lines = output.getAll().substring(from).lines().filter(l -> !l.isBlank())
        .filter(l -> !l.contains(" more of kind api-" + status + " in the last minute")
            && !l.contains(" more of kind engine-" + status + " in the last minute")).toList();
    assertThat(lines).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:"));
    return lines;
  }

  /** A return the policy sends to review, assigned to the agent. */
  private String aReturnForReviewBy(String returnNo, String agent) {
    return com.peakcare.support.Shop.aReturnForReview(http, returnNo, agent);
  }
}
