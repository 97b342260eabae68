package com.peakcare.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The campaign check and its auditors' record on the real PostgreSQL server (production profile): the schema
 * migrates, a campaign started over REST collects signed sign-offs from its tasks, and tampering with them
 * directly in the database is caught and named.
 */
@Tag("own-jvm")
class PostgresSignOffAuditTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void campaignSignOffsVerifyOnPostgresAndTamperingIsNamed() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.demo=true")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select count(*) from databasechangelog where id in "
          + "('peakcare-010-campaign', 'peakcare-011-audit')", Integer.class)).isEqualTo(2);
      Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());

      String code = "PG-" + Long.toString(System.nanoTime(), 36);
      String body = "{\"code\":\"" + code + "\",\"name\":\"618\",\"goLiveAt\":\""
          + Instant.now().plus(3, ChronoUnit.DAYS) + "\",\"items\":[{\"id\":\"cup\",\"type\":\"gift\","
          + "\"text\":\"单笔实付满118元送148元保温杯\",\"threshold\":118,\"giftValue\":148}]}";
      HttpResponse<String> created = http.post("/api/campaigns", "setter1", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(JSON.readTree(created.body()).path("findings").get(0).path("code").asText())
          .isEqualTo("GIFT_EXCEEDS_THRESHOLD");

      TaskService tasks = app.getBean(TaskService.class);
      complete(tasks, code, "Task_SetUpCampaign", null, "{}");
      complete(tasks, code, "Task_RecheckOwnSetup", null, "0");
      complete(tasks, code, "Task_PeerCheck", "peer1", "0");
      complete(tasks, code, "Task_UxCheck", "ux1", "0");
      JsonNode verify = JSON.readTree(http.get("/api/audit/campaigns/" + code + "/verify", "auditor1").body());
      assertThat(verify.path("valid").asBoolean()).isTrue();
      assertThat(verify.path("checked").asInt()).isEqualTo(3);

      jdbc.update("update PC_SIGNOFF set SIGNER_ID = 'opslead' where CAMPAIGN_CODE = ? and SEQ = 2", code);
      JsonNode tampered = JSON.readTree(http.get("/api/audit/campaigns/" + code + "/verify", "auditor1").body());
      assertThat(tampered.path("valid").asBoolean()).isFalse();
      assertThat(tampered.path("firstInvalid").path("seq").asInt()).isEqualTo(2);
      assertThat(tampered.path("firstInvalid").path("stage").asText()).isEqualTo("PEER_CHECK");

      new TamperScenario(jdbc, app.getBean(SignOffLedger.class), app.getBean(PlatformTransactionManager.class)).run();
    }
  }

  private static void complete(TaskService tasks, String code, String key, String claimer, String errorCount) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    if (claimer != null) {
      tasks.claim(task.getId(), claimer);
    }
    tasks.complete(task.getId(), errorCount.equals("{}") ? java.util.Map.of()
        : java.util.Map.of("errorCount", Integer.parseInt(errorCount)));
  }
}
