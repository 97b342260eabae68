package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.withAssignee;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A case from open to closed over real HTTP on PostgreSQL, as shop1, agent1 and warehouse1 would drive it. */
@Tag("own-jvm")
class ReturnFlowPostgresTest {

  static final com.fasterxml.jackson.databind.ObjectMapper JSON = RequestFingerprint.JSON;

  @Test
  void shopAgentAndWarehouseDriveACaseFromOpenToClosed() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--peakcare.demo=true", "--spring.jmx.enabled=false")) {
      Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());
      ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
      String path = "/api/returns/" + request.returnNo();
      // the shop's system registers the order first (issue 20)
      assertThat(http.put("/api/orders/" + request.orderNo(), "shop1",
          JSON.writeValueAsString(ReturnRequests.orderOf(request))).statusCode()).isEqualTo(201);

      HttpResponse<String> opened = http.post("/api/returns", "shop1", JSON.writeValueAsString(request));
      assertThat(opened.statusCode()).isEqualTo(201);
      JsonNode view = JSON.readTree(opened.body());
      assertThat(view.path("status").asText()).isEqualTo("UNDER_REVIEW");
      String review = view.path("openTasks").get(0).path("id").asText();

      // agent1 approves the review in the engine's API, as Tasklist does
      assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent1",
          "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"七天无理由\"}}}").statusCode())
          .isEqualTo(204);
      assertThat(status(http, path)).isEqualTo("AWAITING_PARCEL");

      assertThat(http.post(path + "/parcel", "shop1", "{\"courier\":\"SF\",\"waybillNo\":\"SF100200300\"}")
          .statusCode()).isEqualTo(200);
      String inspection = JSON.readTree(http.get(path, "warehouse1").body()).path("openTasks").get(0).path("id").asText();
      assertThat(http.post("/engine-rest/task/" + inspection + "/claim", "warehouse1", "{\"userId\":\"warehouse1\"}")
          .statusCode()).isEqualTo(204);
      assertThat(http.post("/engine-rest/task/" + inspection + "/complete", "warehouse1",
          "{\"variables\":{\"inspectionPassed\":{\"value\":true}}}").statusCode()).isEqualTo(204);

      // the refund is an asynchronous step: the job executor runs it
      awaitStatus(http, path, "CLOSED"); // refunded, then closed: the 回访 is return-survey.bpmn's
      assertThat(http.post(path + "/survey", "shop1", "{\"rating\":5}").statusCode())
          .as("the current model asks for no rating itself").isEqualTo(409);

      JsonNode closed = JSON.readTree(http.get(path, "shop1").body());
      assertThat(closed.path("timeline").findValuesAsText("event"))
          .containsSubsequence("OPENED", "POLICY_DECIDED", "ASSIGNED", "TASK_COMPLETED", "PARCEL_SHIPPED",
              "TASK_COMPLETED", "REFUNDED", "CLOSED");
      assertThat(closed.path("notices").findValuesAsText("type"))
          .contains("REFUND_CARE", "RETURN_INSTRUCTIONS", "REFUND_DONE").doesNotContain("SURVEY");
      assertThat(closed.path("refund").path("onTime").asBoolean()).isTrue();
    }
  }

  private static String status(Http http, String path) throws Exception {
    return JSON.readTree(http.get(path, "shop1").body()).path("status").asText();
  }

  private static void awaitStatus(Http http, String path, String expected) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    String status = status(http, path);
    while (!expected.equals(status) && Instant.now().isBefore(until)) {
      Thread.sleep(250);
      status = status(http, path);
    }
    assertThat(status).isEqualTo(expected);
  }
}
