package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
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
        ConfigurableApplicationContext app = start(db, "--peakcare.admin.user=boss",
            "--peakcare.admin.password=Peak-Care-2026!", "--peakcare.security.trusted-proxies=127.0.0.1")) {
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
      // behind the TLS proxy (its forwarded headers, from the address named in peakcare.security.trusted-proxies):
      // browsers are told to stay on HTTPS
      HttpResponse<String> proxied = http.send(http.request("/actuator/health", null)
          .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7").GET().build());
      assertThat(proxied.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v ->
          assertThat(v).contains("max-age="));
      assertThat(http.get("/actuator/health", null).headers().firstValue("Strict-Transport-Security"))
          .as("plain HTTP on the inside").isEmpty();
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
      assertThat(app.getBean(com.peakcare.order.Orders.class).find("DEMO-1001")).as("no demo orders in production")
          .isEmpty();
      forwardedAddressesAreNotBelievedFromAnyone(new Http(server.getPort()));
      authorizedGroupsAreReadFromTheIndex(app);
      jobAcquisitionReadsTheDueDateIndex(app);
    }
  }

  /**
   * Issue 20, row 7: under the production profile nobody's X-Forwarded-For is believed unless a proxy is named (none is
   * here). Forty wrong passwords, each "from" a new forwarded address, are all counted against the one address they
   * really come from: 429s, not forty fresh allowances; and naming a victim's address in the header locks nothing
   * there: the victim logs in from it at once.
   */
  private static void forwardedAddressesAreNotBelievedFromAnyone(Http http) {
    int throttled = 0;
    for (int i = 0; i < 40; i++) {
      HttpResponse<String> res = http.send(http.request("/api/me", null)
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("staff2:guess-" + i)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .header("X-Forwarded-For", "198.51.100." + (i + 1)).GET().build());
      assertThat(res.statusCode()).isIn(401, 429);
      throttled += res.statusCode() == 429 ? 1 : 0;
    }
    assertThat(throttled).as("guesses throttled although each named another address").isGreaterThan(30);
    // the victim's own address, named by the attacker above, is not the one locked: staff2 logs in from it at once
    assertThat(http.statusFrom("127.0.0.7", "/api/me", "staff2", "demo")).isEqualTo(200);
  }

  /** Camunda's per-command "which groups have authorizations" lookup must not scan a table of a row per open task. */
  private static void authorizedGroupsAreReadFromTheIndex(ConfigurableApplicationContext app) {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    // 30,000 open tasks' worth of rows: a user grant for the assignee (no group) and a group grant per task
    jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)"
        + " select 'bulk-u-' || n, 1, 1, null, 'agent' || (n % 50), 7, 'task-' || n, 2 from generate_series(1, 30000) n");
    jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)"
        + " select 'bulk-g-' || n, 1, 1, 'after-sales', null, 7, 'task-' || n, 2 from generate_series(1, 30000) n");
    jdbc.execute("analyze ACT_RU_AUTHORIZATION");

    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class).getProcessEngineConfiguration();
    String sql = config.getSqlSessionFactory().getConfiguration()
        .getMappedStatement(AuthorizedGroupIdsQuery.PEAKCARE_STATEMENT).getBoundSql(null).getSql();
    String plan = String.join("\n", jdbc.queryForList("explain " + sql, String.class));
    assertThat(plan).as(plan).containsIgnoringCase("Index Only Scan").doesNotContainIgnoringCase("Seq Scan");

    Command<List<String>> lookup = ctx -> ctx.getDbEntityManager().selectList(AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT);
    Set<String> viaEngine = new HashSet<>(config.getCommandExecutorTxRequired().execute(lookup));
    assertThat(viaEngine).isEqualTo(new HashSet<>(jdbc.queryForList(
        "select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION where GROUP_ID_ is not null", String.class)))
        .contains("after-sales", "camunda-admin");
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: a context that failed to start stays in the webapp starter's static field
  void refusesToStartWithoutAnAdministrator() {
    try (PostgresDatabase db = PostgresDatabase.create()) {
      assertThatThrownBy(() -> start(db).close())
          .hasStackTraceContaining("No administrator: set PEAKCARE_ADMIN_USER and PEAKCARE_ADMIN_PASSWORD");
    }
  }

  /** The job executor's acquisition must not read a job table that holds a timer per open case. */
  private static void jobAcquisitionReadsTheDueDateIndex(ConfigurableApplicationContext app) {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    // 20,000 timers due in three days, as open cases leave them (review SLA, refund promise, parcel reminder)
    jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_,"
        + " SUSPENSION_STATE_, EXCLUSIVE_, PRIORITY_) select 'bulk-timer-' || n, 1, 'timer', 3,"
        + " now() + interval '3 days', 'timer-transition', 'x', 1, true, 0 from generate_series(1, 20000) n");
    jdbc.execute("analyze ACT_RU_JOB");

    ProcessEngine engine = app.getBean(ProcessEngine.class);
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.isEnsureJobDueDateNotNull()).isTrue();
    assertThat(config.isJobExecutorAcquireByDueDate()).isTrue();

    // an async step's job now carries a due date, so acquisition can ask for "DUEDATE_ <= now" alone
    engine.getRepositoryService().createDeployment().addModelInstance("async-smoke.bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("async-smoke").startEvent().camundaAsyncAfter()
            .userTask().endEvent().done()).deploy();
    String pi = engine.getRuntimeService().startProcessInstanceByKey("async-smoke").getId();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult().getDuedate())
        .isNotNull();

    Command<long[]> acquireAndCount = ctx -> {
      ctx.getJobManager().findNextJobsToExecute(new org.camunda.bpm.engine.impl.Page(0, 6));
      try (var statement = ctx.getDbSqlSession().getSqlSession().getConnection().prepareStatement(
          "select seq_scan, coalesce(idx_scan, 0) from pg_stat_xact_user_tables where relname = 'act_ru_job'");
          var rows = statement.executeQuery()) {
        rows.next();
        return new long[] {rows.getLong(1), rows.getLong(2)};
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    };
    long[] scans = config.getCommandExecutorTxRequired().execute(acquireAndCount);
    assertThat(scans[0]).as("sequential scans of ACT_RU_JOB by one acquisition").isZero();
    assertThat(scans[1]).as("index scans").isPositive();
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
