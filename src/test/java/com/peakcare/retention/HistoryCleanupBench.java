package com.peakcare.retention;

import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import com.peakcare.support.Shop;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 27's benchmark (not part of the suite: its name is no test's): how fast Camunda's history cleanup removes
 * finished return cases' history on PostgreSQL, with PeakCare's configuration (removal time at the end, batches of
 * 500, one cleanup job). Seeds {@code -Dbench.cases} (default 400) closed small-refund cases through the API, moves
 * the engine clock past their time-to-live and runs the cleanup job until it removes nothing more; prints rows and
 * cases removed per second and per hour, and what that means for a Double 11 day in the 4-hour window.
 * Run: {@code /work/wt/bin/quiet-run mvn -o -q test -Dtest=HistoryCleanupBench -Dbench.cases=400
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("own-jvm")
class HistoryCleanupBench {

  private static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_INCIDENT", "ACT_HI_JOB_LOG",
      "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT");

  @Test
  void cleanupRate() throws Exception {
    int cases = Integer.getInteger("bench.cases", 400);
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.demo=true", "--peakcare.retention.sweep-cron=-",
                "--logging.level.com.peakcare=WARN", "--peakcare.rate-limit.rules.open-cases.capacity=0",
                "--peakcare.rate-limit.rules.lists.capacity=0")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());
      ManagementService management = app.getBean(ManagementService.class);
      HistoryService history = app.getBean(HistoryService.class);

      long seedStart = System.nanoTime();
      for (int i = 0; i < cases; i++) {
        String returnNo = "R-BENCH-" + i;
        Shop.registerOrder(http, returnNo, "80.00", "APPAREL", "REGULAR");
        HttpResponse<String> opened = http.post("/api/returns", "shop1", Shop.smallRefund(returnNo));
        if (opened.statusCode() != 201) {
          throw new AssertionError(opened.statusCode() + " " + opened.body());
        }
        String pi = jdbc.queryForObject("select PROCESS_INSTANCE_ID from PC_RETURN_CASE where RETURN_NO = ?",
            String.class, returnNo);
        management.executeJob(management.createJobQuery().processInstanceId(pi).singleResult().getId());
        // return-case version 5 closes right after the refund: no rating to answer
      }
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      long instances = history.createHistoricProcessInstanceQuery().finished().count();
      long rowsBefore = rows(jdbc);
      System.out.printf("BENCH seeded %d closed cases in %.1f s: %d finished process instances (cases and their "
          + "refund care), %d history rows (%.1f per case)%n", cases, seedSeconds, instances, rowsBefore,
          (double) rowsBefore / cases);

      ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(181))));
      int runs = 0;
      long jobNanos = 0;
      long removed = 0;
      try {
        long left = rowsBefore;
        while (runs < 10_000) {
          Job job = history.cleanUpHistoryAsync(true);
          long t0 = System.nanoTime();
          management.executeJob(job.getId());
          jobNanos += System.nanoTime() - t0;
          runs++;
          long now = rows(jdbc);
          if (now == left) {
            break; // a run that removed nothing: all that was due is gone
          }
          left = now;
        }
        removed = rowsBefore - left;
      } finally {
        ClockUtil.reset();
      }
      double seconds = jobNanos / 1e9;
      long instancesLeft = history.createHistoricProcessInstanceQuery().finished().count();
      double rowsPerSecond = removed / seconds;
      double casesPerHour = cases * 3600 / seconds;
      System.out.printf("BENCH cleanup: %d job runs (batches of 500 per table) took %.2f s and removed %d history "
          + "rows (%d finished instances left): %.0f rows/s, %.0f cases/hour%n", runs, seconds, removed, instancesLeft,
          rowsPerSecond, casesPerHour);
      for (int perDay : new int[] {100_000, 300_000, 1_000_000}) {
        System.out.printf("BENCH a Double 11 day of %,d closed cases: %.2f h of the 4 h window%n", perDay,
            perDay / casesPerHour);
      }
      Map<String, Object> left = jdbc.queryForMap("select count(*) as N from ACT_HI_ACTINST");
      System.out.println("BENCH activity rows left: " + left.get("N") + ", history rows left: " + rows(jdbc));
    }
  }

  private static long rows(JdbcTemplate jdbc) {
    long total = 0;
    for (String table : HISTORY) {
      // the processes' rows only: the cleanup job's own job log and the call's operation log belong to no process
      Long n = jdbc.queryForObject("select count(*) from " + table + " where ROOT_PROC_INST_ID_ is not null",
          Long.class);
      total += n == null ? 0 : n;
    }
    return total;
  }
}
