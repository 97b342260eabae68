package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention table drives Camunda's history (issue 27): the table wins over the models, history cleanup is on with
 * the removal-time strategy in a nightly window in shop time, and a cleanup past the time-to-live removes an ended
 * instance's history but never a running one's.
 */
@PeakCareTest
class HistoryRetentionTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired HistoryRetention retention;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyDeployedProcessHasItsTimeToLiveFromTheTable() {
    Map<String, Integer> table = retention.timeToLives();
    List<ProcessDefinition> latest = repositoryService.createProcessDefinitionQuery().latestVersion().list();
    for (ProcessDefinition definition : latest) {
      if (definition.getKey().equals("smoke-one-task") || definition.getKey().equals("notice-delegates-test")) {
        continue; // test-only models
      }
      assertThat(table).as("the retention table has a row for " + definition.getKey()).containsKey(definition.getKey());
      assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isEqualTo(table.get(definition.getKey()));
    }
  }

  @Test
  void theModelsSayWhatTheTableSays() throws Exception {
    Pattern process = Pattern.compile("<bpmn:process id=\"([^\"]+)\"[^>]*?camunda:historyTimeToLive=\"P?(\\d+)D?\"",
        Pattern.DOTALL);
    Map<String, Integer> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        Matcher m = process.matcher(Files.readString(file));
        while (m.find()) {
          models.put(m.group(1), Integer.parseInt(m.group(2)));
        }
      }
    }
    assertThat(models).as("each model's historyTimeToLive (Modeler shows it) is the table's").isNotEmpty()
        .isEqualTo(new TreeMap<>(retention.timeToLives()));
  }

  @Test
  void theTableWinsOverADefinitionChangedSinceItWasDeployed() {
    ProcessDefinition care = repositoryService.createProcessDefinitionQuery().processDefinitionKey("refund-care")
        .latestVersion().singleResult();
    repositoryService.updateProcessDefinitionHistoryTimeToLive(care.getId(), 3);

    assertThat(retention.applyToDeployed(repositoryService)).isEqualTo(1);

    assertThat(repositoryService.getProcessDefinition(care.getId()).getHistoryTimeToLive()).isEqualTo(180);
    assertThat(retention.applyToDeployed(repositoryService)).as("nothing left to change").isZero();
  }

  @Test
  void cleanupRunsByItselfEveryNightInTheShopsWindowWithTheRemovalTimeStrategy() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00+0800");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00+0800");

    // the engine scheduled its cleanup job at start, due at the next 01:00 in Shanghai
    List<Job> jobs = historyService.findHistoryCleanupJobs();
    assertThat(jobs).isNotEmpty();
    ZonedDateTime due = jobs.get(0).getDuedate().toInstant().atZone(ZoneId.of("Asia/Shanghai"));
    assertThat(due.getHour()).isEqualTo(1);
    assertThat(due.getMinute()).isZero();
    assertThat(Duration.between(Instant.now(), due.toInstant())).isLessThanOrEqualTo(Duration.ofDays(1));
  }

  @Test
  void cleanupPastTheTimeToLiveRemovesAnEndedInstancesHistoryButNeverARunningOnes() {
    String ended = runtimeService.startProcessInstanceByKey("smoke-one-task").getId();
    taskService.complete(taskService.createTaskQuery().processInstanceId(ended).singleResult().getId());
    String running = runtimeService.startProcessInstanceByKey("smoke-one-task").getId();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(ended).singleResult()
        .getRemovalTime()).as("the end sets the removal time: end + 1 day (P1D)").isNotNull();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(running).singleResult()
        .getRemovalTime()).as("a running instance has none").isNull();

    // a day and a half later: the ended instance is past its time-to-live
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(36))));
    runCleanup();

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(ended).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(ended).count()).isZero();
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(ended).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(running).count())
        .as("the running instance's history stays").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(running).count()).isPositive();
    runtimeService.deleteProcessInstance(running, "test over");
  }

  /** What the nightly job does, now: one immediately due cleanup job, executed until it has nothing left. */
  private void runCleanup() {
    Job job = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(job.getId());
  }
}
