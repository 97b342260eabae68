package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.support.PostgresDatabase;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 24: jobs are acquired by priority, then due date (the complaint ladder's timers, priority -10, wait behind
 * the customers' notices). Under a burst (20,000 ladder timers due, due before 20,000 notice deliveries, beside
 * 20,000 timers due in three days) an acquisition takes the notices first and reads a handful of rows through
 * PC_IDX_JOB_PRIORITY_DUEDATE (changelog 100): with the due-date index alone PostgreSQL read every due job and sorted
 * them for each acquisition (190 ms for 40,000 here, up to 1.8 s in the complaint benchmark).
 */
@Tag("own-jvm")
class JobAcquisitionByPriorityPostgresTest {

  @Test
  void aBurstOfLowPriorityTimersLeavesTheNoticesFirstAndIsNotReadWhole() {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = PostgresApplicationTest.start(db, "--peakcare.demo=true")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_,"
          + " SUSPENSION_STATE_, EXCLUSIVE_, PRIORITY_, PROCESS_INSTANCE_ID_) select 'burst-timer-' || n, 1, 'timer', 3,"
          + " now() - interval '31 days', 'timer-transition', 'Timer_TargetMissed', 1, true, -10, 'pi-timer-' || n"
          + " from generate_series(1, 20000) n");
      jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_,"
          + " SUSPENSION_STATE_, EXCLUSIVE_, PRIORITY_, PROCESS_INSTANCE_ID_) select 'bulk-notice-' || n, 1, 'message',"
          + " 3, now() - interval '30 days', 'async-continuation', 'transition-create-scope', 1, true, 0,"
          + " 'pi-notice-' || n from generate_series(1, 20000) n");
      jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_,"
          + " SUSPENSION_STATE_, EXCLUSIVE_, PRIORITY_, PROCESS_INSTANCE_ID_) select 'later-timer-' || n, 1, 'timer', 3,"
          + " now() + interval '3 days', 'timer-transition', 'x', 1, true, 0, 'pi-later-' || n"
          + " from generate_series(1, 20000) n");
      jdbc.execute("analyze ACT_RU_JOB");
      assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'pc_idx_job_priority_duedate'",
          Integer.class)).isEqualTo(1);

      ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration();
      assertThat(config.isJobExecutorAcquireByPriority()).isTrue();
      Command<long[]> acquireAndCount = ctx -> {
        List<AcquirableJobEntity> jobs = ctx.getJobManager().findNextJobsToExecute(new Page(0, 6));
        assertThat(jobs).as("the notices first, though the timers fell due a day earlier").hasSize(6)
            .allSatisfy(j -> assertThat(j.getId()).startsWith("bulk-notice-"));
        try (var statement = ctx.getDbSqlSession().getSqlSession().getConnection().prepareStatement(
            "select seq_scan, coalesce(idx_tup_fetch, 0) from pg_stat_xact_user_tables where relname = 'act_ru_job'");
            var rows = statement.executeQuery()) {
          rows.next();
          return new long[] {rows.getLong(1), rows.getLong(2)};
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      };
      for (int i = 0; i < 8; i++) { // PostgreSQL switches to a generic plan after five executions of a statement
        long[] read = config.getCommandExecutorTxRequired().execute(acquireAndCount);
        assertThat(read[0]).as("sequential scans of ACT_RU_JOB by one acquisition (%d)", i).isZero();
        assertThat(read[1]).as("rows of ACT_RU_JOB fetched by one acquisition (%d)", i).isLessThan(100);
      }
    }
  }
}
