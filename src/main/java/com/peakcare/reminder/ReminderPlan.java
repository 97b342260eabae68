package com.peakcare.reminder;

import com.peakcare.engine.gate.EngineGate;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The shop's reminder plan (processes/reminder-plan.dmn, decision {@value #DECISION}): which steps an unpaid order gets.
 * The latest deployed table is parsed once (and again when a new version is deployed, seen within 30 s) and evaluated
 * in memory without writing decision history: at Double 11's first hour a history row set per order would cost more
 * than the plan itself.
 */
@Component
class ReminderPlan {

  static final String DECISION = "reminder-plan";
  static final String AFTER_ORDER = "AFTER_ORDER";
  static final String BEFORE_CLOSE = "BEFORE_CLOSE";
  static final String CALL = "CALL";
  private static final Duration FRESH = Duration.ofSeconds(30);

  /** One planned step as the table says it. */
  record PlannedStep(int step, String anchor, int minutes, String channel, String template) {

    /** When it is due for an order placed {@code orderedAt} that closes {@code closeAt}. */
    Instant due(Instant orderedAt, Instant closeAt) {
      return BEFORE_CLOSE.equals(anchor) ? closeAt.minus(Duration.ofMinutes(minutes))
          : orderedAt.plus(Duration.ofMinutes(minutes));
    }
  }

  private record Parsed(String definitionId, DmnDecision decision, Instant at) {}

  private final RepositoryService repository;
  private final EngineGate gate;
  private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private volatile Parsed parsed;

  ReminderPlan(RepositoryService repository, EngineGate gate) {
    this.repository = repository;
    this.gate = gate;
  }

  /** The steps for an order, by step number; empty for none. */
  List<PlannedStep> steps(String tier, String itemRole, String category, BigDecimal amount) {
    org.camunda.bpm.dmn.engine.DmnDecisionTableResult rows = dmn.evaluateDecisionTable(decision(), Map.of("memberTier", tier,
        "itemRole", itemRole, "category", category, "orderAmount", amount.doubleValue()));
    List<PlannedStep> steps = new ArrayList<>();
    for (DmnDecisionRuleResult row : rows) {
      String channel = row.getEntry("channel");
      if (!Channels.ALL.contains(channel)) {
        throw new IllegalStateException(DECISION + ": channel " + channel + " is not one of " + Channels.ALL);
      }
      steps.add(new PlannedStep(((Number) row.getEntry("step")).intValue(), row.getEntry("anchor"),
          ((Number) row.getEntry("minutes")).intValue(), channel, row.getEntry("template")));
    }
    steps.sort(Comparator.comparingInt(PlannedStep::step));
    return steps;
  }

  private DmnDecision decision() {
    Parsed current = parsed;
    if (current != null && Instant.now().isBefore(current.at().plus(FRESH))) {
      return current.decision();
    }
    DecisionDefinition latest = gate.asPeakCare(() -> repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DECISION).latestVersion().singleResult());
    if (latest == null) {
      throw new IllegalStateException("decision " + DECISION + " (processes/reminder-plan.dmn) is not deployed");
    }
    if (current != null && current.definitionId().equals(latest.getId())) {
      parsed = new Parsed(current.definitionId(), current.decision(), Instant.now());
      return current.decision();
    }
    DmnDecision decision;
    try (InputStream in = gate.asPeakCare(() -> repository.getDecisionModel(latest.getId()))) {
      decision = dmn.parseDecision(DECISION, in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("decision " + DECISION + " unreadable", e);
    }
    parsed = new Parsed(latest.getId(), decision, Instant.now());
    return decision;
  }
}
