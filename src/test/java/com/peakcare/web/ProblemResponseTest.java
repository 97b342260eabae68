package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PeakCareTest
class ProblemResponseTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void malformedJsonIsAProblemNamingTheBody() throws Exception {
    HttpResponse<String> res = http.put("/api/staff/agent2", "demo", "{\"department\": \"after-sales\", ");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(res.body());
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body");
    assertThat(problem.path("errors").get(0).path("message").asText()).contains("malformed JSON");
    assertThat(res.body()).doesNotContain("Exception").doesNotContain("at com.");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsField() throws Exception {
    HttpResponse<String> res = http.put("/api/staff/agent2", "demo", "{\"department\": [1], \"superior\": \"cslead\"}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(res.body()).path("errors").get(0).path("field").asText()).isEqualTo("department");
  }

  @Test
  void everyInvalidFieldIsNamed() throws Exception {
    HttpResponse<String> res = http.put("/api/staff/agent2", "demo", "{\"department\": \"Not Valid!\", \"superior\": \""
        + "x".repeat(65) + "\"}");
    assertThat(res.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(res.body());
    assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("department", "superior");
  }

  @Test
  void anUnknownSuperiorIsRefusedAndNothingChanges() throws Exception {
    HttpResponse<String> res = http.put("/api/staff/agent2", "demo", "{\"department\": \"ops\", \"superior\": \"nobody\"}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(res.body()).path("errors").get(0).path("field").asText()).isEqualTo("superior");
    JsonNode agent2 = JSON.readTree(http.get("/api/staff/agent2", "demo").body());
    assertThat(agent2.path("department").asText()).isEqualTo("after-sales");
  }

  @Test
  void anUnknownUserIs404() {
    HttpResponse<String> res = http.get("/api/staff/ghost", "demo");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).contains("ghost");
  }
}
