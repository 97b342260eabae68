package com.peakcare.review;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.peakcare.review.ReviewRepository.Cycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test data and steps of the review feature: reviews of its own order numbers, cycles opened and gathered as a
 * supervisor would, tasks worked as the lead whose job they are. Every test starts from a drained state: the reviews of
 * earlier tests counted by a cycle of their own and no action left open.
 */
final class ReviewFixtures {

  private static final AtomicInteger SEQ = new AtomicInteger();
  static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();

  final ReviewIntake intake;
  final ReviewCycles cycles;
  final ReviewRepository repository;
  final RuntimeService runtime;
  final TaskService tasks;
  final IdentityService identity;
  final JdbcTemplate jdbc;

  ReviewFixtures(ReviewIntake intake, ReviewCycles cycles, ReviewRepository repository, RuntimeService runtime,
      TaskService tasks, IdentityService identity, JdbcTemplate jdbc) {
    this.intake = intake;
    this.cycles = cycles;
    this.repository = repository;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  /** A fresh order number of this run. */
  static String order() {
    return "O-" + RUN + "-" + SEQ.incrementAndGet();
  }

  /** A review of a fresh order, written an hour ago. */
  static ReviewInput review(int stars, String text) {
    return new ReviewInput(order(), "SKU-1", stars, text, null, Instant.now().minus(Duration.ofHours(1)), null);
  }

  static ReviewInput review(int stars, String text, String followUp) {
    Instant at = Instant.now().minus(Duration.ofHours(2));
    return new ReviewInput(order(), "SKU-1", stars, text, followUp, at, at.plus(Duration.ofMinutes(30)));
  }

  /** What a shop's integration sends: the batch as shop1. */
  ReviewIntake.Received send(ReviewInput... reviews) {
    return intake.receive(List.of(reviews), "API", "shop1");
  }

  /**
   * Every review so far counted by a cycle of its own (gathered, its tasks left as they are) and every open action
   * closed: the next cycle holds only what the test sends.
   */
  void drain() {
    jdbc.update("update PC_REVIEW_ACTION set STATUS = 'DONE', CLOSED_BY = 'test-drain' where STATUS = 'OPEN'");
    openAndGather("drain");
  }

  /** A supervisor opens a cycle and its asynchronous first step runs. */
  ProcessInstance openAndGather(String label) {
    Cycle c = cycles.open(label, "cslead");
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).singleResult();
    execute(job(ReviewCycleProcess.Elements.TASK_GATHER, pi));
    return pi;
  }

  Cycle cycle(ProcessInstance pi) {
    return repository.cycle(pi.getBusinessKey()).orElseThrow();
  }

  /** The lead's task of {@code category} in the cycle of {@code pi}. */
  Task topicTask(ProcessInstance pi, String category) {
    return tasks.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(ReviewCycleProcess.Elements.TASK_RECORD_ACTIONS).list().stream()
        .filter(t -> category.equals(runtime.getVariable(t.getExecutionId(), ReviewCycleProcess.Vars.CATEGORY)))
        .findFirst().orElseThrow(() -> new AssertionError("no meeting task for " + category));
  }

  /** Runs {@code work} as {@code user} of {@code groups}, as the webapps and /engine-rest do. */
  <T> T as(String user, List<String> groups, Supplier<T> work) {
    identity.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  void as(String user, List<String> groups, Runnable work) {
    as(user, groups, () -> {
      work.run();
      return null;
    });
  }

  /** A lead claims the task and completes it with the form's values. */
  void meet(String lead, List<String> groups, Task task, Map<String, Object> form) {
    as(lead, groups, () -> {
      tasks.claim(task.getId(), lead);
      tasks.complete(task.getId(), form);
    });
  }
}
