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
 * Issue 23 item 2: under a backlog of due jobs (notices queued while the SMS gateway is slow) and with some jobs being
 * executed (locked), one acquisition reads ACT_RU_JOB through indexes only: the due jobs through PC_IDX_JOB_DUEDATE
 * (changelog 051), the "is another exclusive job of this instance running" check through PC_IDX_JOB_LOCKED (094).
 * Before 094, PostgreSQL answered that check with a hashed subplan over a sequential scan of the whole table.
 */
@Tag("own-jvm")
class JobAcquisitionBacklogPostgresTest {

  @Test
  void acquisitionUnderABacklogOfDueJobsReadsNoJobTableWhole() {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = PostgresApplicationTest.start(db, "--peakcare.demo=true")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      // 20,000 timers due in three days (open cases), 5,000 notice deliveries due now (the backlog), 6 of them locked
      // by a node that is executing them, each of its own process instance. The backlog is due long ago, so that it
      // comes before the engine's own jobs (acquisition is by due date): at 01:00 shop time the history-cleanup job
      // falls due as well, and a backlog due only a minute ago came after it (CI at 17:16 UTC, stop 29).
      jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_,"
          + " SUSPENSION_STATE_, EXCLUSIVE_, PRIORITY_, PROCESS_INSTANCE_ID_) select 'bulk-timer-' || n, 1, 'timer', 3,"
          + " now() + interval '3 days', 'timer-transition', 'x', 1, true, 0, 'pi-timer-' || n"
          + " from generate_series(1, 20000) n");
      jdbc.update("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_,"
          + " SUSPENSION_STATE_, EXCLUSIVE_, PRIORITY_, PROCESS_INSTANCE_ID_) select 'bulk-notice-' || n, 1, 'message',"
          + " 3, now() - interval '30 days', 'async-continuation', 'transition-create-scope', 1, true, 0,"
          + " 'pi-notice-' || n from generate_series(1, 5000) n");
      jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = 'other-node', LOCK_EXP_TIME_ = now() + interval '2 minutes'"
          + " where ID_ in ('bulk-notice-1', 'bulk-notice-2', 'bulk-notice-3', 'bulk-notice-4', 'bulk-notice-5',"
          + " 'bulk-notice-6')");
      jdbc.execute("analyze ACT_RU_JOB");
      assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'pc_idx_job_locked'",
          Integer.class)).isEqualTo(1);

      ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration();
      Command<long[]> acquireAndCount = ctx -> {
        List<AcquirableJobEntity> jobs = ctx.getJobManager().findNextJobsToExecute(new Page(0, 6));
        assertThat(jobs).hasSize(6).allSatisfy(j -> assertThat(j.getId()).startsWith("bulk-notice-")
            .isNotIn("bulk-notice-1", "bulk-notice-2", "bulk-notice-3"));
        try (var statement = ctx.getDbSqlSession().getSqlSession().getConnection().prepareStatement(
            "select seq_scan, coalesce(idx_scan, 0) from pg_stat_xact_user_tables where relname = 'act_ru_job'");
            var rows = statement.executeQuery()) {
          rows.next();
          return new long[] {rows.getLong(1), rows.getLong(2)};
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      };
      for (int i = 0; i < 3; i++) { // PostgreSQL switches to a generic plan after five executions of a statement
        config.getCommandExecutorTxRequired().execute(acquireAndCount);
      }
      for (int i = 0; i < 5; i++) {
        long[] scans = config.getCommandExecutorTxRequired().execute(acquireAndCount);
        assertThat(scans[0]).as("sequential scans of ACT_RU_JOB by one acquisition (%d)", i).isZero();
        assertThat(scans[1]).as("index scans").isPositive();
      }
    }
  }
}
