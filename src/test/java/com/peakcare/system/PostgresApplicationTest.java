package com.peakcare.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same application on the real PostgreSQL server, with the production ("postgres") profile. */
@Tag("own-jvm")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresApplicationTest {

  @Test
  void startsOnPostgresMigratesTheSchemaAndRunsAProcess() {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = start(db, "--peakcare.admin.user=boss", "--peakcare.admin.password=s3cret")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
      assertThat(jdbc.queryForObject("select count(*) from databasechangelog where id = 'peakcare-001-staff-profile'",
          Integer.class)).isEqualTo(1);

      ProcessEngine engine = app.getBean(ProcessEngine.class);
      IdentityService identity = engine.getIdentityService();
      assertThat(identity.createUserQuery().userId("agent1").count()).as("no demo users in production").isZero();
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").singleResult().getId()).isEqualTo("boss");

      String pi = engine.getRuntimeService().startProcessInstanceByKey("smoke-one-task").getId();
      TaskService tasks = engine.getTaskService();
      Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
      tasks.complete(task.getId());
      HistoryService history = engine.getHistoryService();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getEndTime())
          .isNotNull();

      int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
      Http http = new Http(port);
      assertThat(http.get("/engine-rest/user", null).statusCode()).isEqualTo(401);
      // production: the session cookie is Secure as well as HttpOnly and SameSite
      HttpResponse<String> page = http.get("/camunda/app/tasklist/default/", null);
      assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c ->
          assertThat(c).matches("(JSESSIONID|SESSION)=.*").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
    }
  }

  @Test
  void demoUsersOnlyWhenAskedFor() {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = start(db, "--peakcare.demo=true")) {
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.checkPassword("agent1", "demo")).isTrue();
      WebServer server = ((ServletWebServerApplicationContext) app).getWebServer();
      assertThat(new Http(server.getPort()).get("/api/me", "agent1").body()).contains("\"superior\":\"cslead\"");
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: a context that failed to start stays in the webapp starter's static field
  void refusesToStartWithoutAnAdministrator() {
    try (PostgresDatabase db = PostgresDatabase.create()) {
      assertThatThrownBy(() -> start(db).close())
          .hasStackTraceContaining("No administrator: set PEAKCARE_ADMIN_USER and PEAKCARE_ADMIN_PASSWORD");
    }
  }

  static ConfigurableApplicationContext start(PostgresDatabase db, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "--server.port=0";
    all[1] = "--spring.datasource.url=" + db.url();
    all[2] = "--spring.datasource.username=" + db.user();
    all[3] = "--camunda.bpm.job-execution.enabled=false";
    all[4] = "--spring.jmx.enabled=false";
    System.arraycopy(args, 0, all, 5, args.length);
    return new SpringApplicationBuilder(PeakCareApplication.class).profiles("postgres").run(all);
  }
}
