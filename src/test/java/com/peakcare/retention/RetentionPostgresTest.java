package com.peakcare.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import com.peakcare.support.Shop;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 27's "done when", on the real PostgreSQL server with the production profile: the engine's clock moves past
 * every time-to-live of the retention table, the nightly cleanup and sweep run, and no finished instance's history, no
 * notice text and no customer contact is left beyond the table, while a running case keeps its own, the campaign's
 * sign-offs still verify and the refunds still sum.
 */
@Tag("own-jvm")
class RetentionPostgresTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pastEveryTimeToLiveNothingIsLeftButWhatRunningCasesMoneyAndAuditNeed() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.demo=true", "--peakcare.retention.sweep-cron=-")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());
      ManagementService management = app.getBean(ManagementService.class);
      HistoryService history = app.getBean(HistoryService.class);

      // a campaign with three sign-offs (its check still running: at the all-hands stage)
      String code = campaignWithThreeSignOffs(http, app.getBean(TaskService.class));

      // three closed cases, refunded; one case still refunding (its order claimed, its process running)
      List<String> closed = List.of("R-PGRET-1", "R-PGRET-2", "R-PGRET-3");
      for (String returnNo : closed) {
        open(http, returnNo);
        refund(app, returnNo);
        // return-case version 5 closes right after the refund (its 回访 is the survey package's, after it closed)
        HttpResponse<String> shown = http.get("/api/returns/" + returnNo, "shop1");
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(JSON.readTree(shown.body()).path("status").asText()).as(shown.body()).isEqualTo("CLOSED");
      }
      String running = "R-PGRET-RUN";
      open(http, running);
      String runningPi = processOf(jdbc, running);
      assertThat(jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where END_TIME_ is not null",
          Integer.class)).as("finished instances before").isPositive();
      assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE where BODY <> ''", Integer.class)).isPositive();

      // 401 days on (past 400, the longest time-to-live): the nightly cleanup and sweep
      Instant later = Instant.now().plus(Duration.ofDays(401));
      ClockUtil.setCurrentTime(Date.from(later));
      try {
        cleanUp(history, management, jdbc);
        Map<String, Integer> swept = app.getBean(RetentionSweep.class).sweep();
        assertThat(swept.values()).allSatisfy(n -> assertThat(n).isNotNegative());
      } finally {
        ClockUtil.reset();
      }

      // no finished instance's history, in any history table
      assertThat(jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where END_TIME_ is not null",
          Integer.class)).isZero();
      for (String table : List.of("ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST", "ACT_HI_DETAIL",
          "ACT_HI_JOB_LOG", "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG",
          "ACT_HI_INCIDENT")) {
        assertThat(jdbc.queryForObject("select count(*) from " + table + " where ROOT_PROC_INST_ID_ is not null and "
            + "ROOT_PROC_INST_ID_ not in (select PROC_INST_ID_ from ACT_HI_PROCINST)", Integer.class))
            .as(table + " rows of instances no longer in history").isZero();
      }
      // the running ones keep theirs: the case still refunding, the campaign check
      assertThat(jdbc.queryForObject("select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ = ?", Integer.class,
          runningPi)).isPositive();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(code).count()).isEqualTo(1);

      // no notice text, no contact beyond the table: only the running case's order keeps its customer's contact
      assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE where BODY <> '' or SUBJECT <> '' or "
          + "CUSTOMER_PHONE is not null or CUSTOMER_EMAIL is not null", Integer.class)).isZero();
      assertThat(jdbc.queryForList("select ORDER_NO from PC_ORDER where CONTACT_PHONE <> '' or CONTACT_NAME <> '' "
          + "or CONTACT_EMAIL is not null", String.class)).containsExactly(Shop.orderNoOf(running));
      assertThat(jdbc.queryForObject("select count(*) from PC_RETURN_CASE where REQUEST_JSON <> '{}'", Integer.class))
          .isEqualTo(1);

      // the sign-off chain verifies; the refunds are there and sum to what the orders say they paid back
      JsonNode verify = JSON.readTree(http.get("/api/audit/campaigns/" + code + "/verify", "auditor1").body());
      assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
      assertThat(verify.path("checked").asInt()).isEqualTo(3);
      assertThat(jdbc.queryForObject("select sum(AMOUNT) from PC_REFUND", BigDecimal.class))
          .isEqualByComparingTo("240.00");
      for (String returnNo : closed) {
        assertThat(jdbc.queryForObject("select REFUNDED from PC_ORDER where ORDER_NO = ?", BigDecimal.class,
            Shop.orderNoOf(returnNo))).isEqualByComparingTo(jdbc.queryForObject("select r.AMOUNT from PC_REFUND r "
            + "where r.RETURN_NO = ?", BigDecimal.class, returnNo));
      }
    }
  }

  private static void open(Http http, String returnNo) throws Exception {
    Shop.registerOrder(http, returnNo, "80.00", "APPAREL", "REGULAR");
    HttpResponse<String> opened = http.post("/api/returns", "shop1", Shop.smallRefund(returnNo));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
  }

  private static String processOf(JdbcTemplate jdbc, String returnNo) {
    return jdbc.queryForObject("select PROCESS_INSTANCE_ID from PC_RETURN_CASE where RETURN_NO = ?", String.class,
        returnNo);
  }

  /** The refund step (the job executor is off): the case's one job, and every notice delivery it started. */
  private static void refund(ConfigurableApplicationContext app, String returnNo) {
    ManagementService management = app.getBean(ManagementService.class);
    String pi = processOf(app.getBean(JdbcTemplate.class), returnNo);
    management.executeJob(management.createJobQuery().processInstanceId(pi).singleResult().getId());
    app.getBean(com.peakcare.notice.NoticeOutboxPoller.class).runOnce(); // what each node's poller does
  }

  /** The nightly cleanup, now: the cleanup job made due and run until a run removes no history row. */
  private static void cleanUp(HistoryService history, ManagementService management, JdbcTemplate jdbc) {
    long left = historyRows(jdbc);
    for (int i = 0; i < 50; i++) {
      management.executeJob(history.cleanUpHistoryAsync(true).getId());
      long now = historyRows(jdbc);
      if (now == left) {
        return;
      }
      left = now;
    }
  }

  private static long historyRows(JdbcTemplate jdbc) {
    long n = 0;
    for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
        "ACT_HI_DETAIL", "ACT_HI_JOB_LOG", "ACT_HI_DECINST", "ACT_HI_OP_LOG", "ACT_HI_IDENTITYLINK")) {
      n += jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
    return n;
  }

  private static String campaignWithThreeSignOffs(Http http, TaskService tasks) throws Exception {
    String code = "PGRET-" + Long.toString(System.nanoTime(), 36);
    String body = "{\"code\":\"" + code + "\",\"name\":\"双11\",\"goLiveAt\":\""
        + Instant.now().plus(3, ChronoUnit.DAYS) + "\",\"items\":[{\"id\":\"cup\",\"type\":\"gift\","
        + "\"text\":\"单笔实付满118元送148元保温杯\",\"threshold\":118,\"giftValue\":148}]}";
    HttpResponse<String> created = http.post("/api/campaigns", "setter1", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    complete(tasks, code, "Task_SetUpCampaign", null, null);
    complete(tasks, code, "Task_RecheckOwnSetup", null, 0);
    complete(tasks, code, "Task_PeerCheck", "peer1", 0);
    complete(tasks, code, "Task_UxCheck", "ux1", 0);
    return code;
  }

  private static void complete(TaskService tasks, String code, String key, String claimer, Integer errorCount) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    if (claimer != null) {
      tasks.claim(task.getId(), claimer);
    }
    tasks.complete(task.getId(), errorCount == null ? Map.of() : Map.of("errorCount", errorCount));
  }
}
