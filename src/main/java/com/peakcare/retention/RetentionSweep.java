package com.peakcare.retention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.peakcare.engine.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Ages out PeakCare's own records every night (issue 27): at {@code peakcare.retention.sweep-cron} in the shop's zone
 * (the start of the window in which Camunda's history cleanup runs), every {@link RetentionRule} a feature contributed
 * gets its cut-off from the {@link RetentionTable}. Every node runs it; the rules are idempotent conditional updates
 * and deletes, so two nodes sweeping together change each row once.
 */
@Component
public class RetentionSweep implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

  private final RetentionTable table;
  private final List<RetentionRule> rules;
  private final String cron;
  private ThreadPoolTaskScheduler scheduler;

  RetentionSweep(RetentionTable table, List<RetentionRule> rules,
      @Value("${peakcare.retention.sweep-cron:0 0 1 * * *}") String cron) {
    this.table = table;
    this.rules = rules;
    this.cron = cron;
    for (RetentionRule rule : rules) {
      table.record(rule.name()); // every rule has its row, or the start fails
    }
  }

  /** One sweep at the engine's clock (tests move it); returns rows changed per rule. */
  public Map<String, Integer> sweep() {
    return sweep(EngineClock.now());
  }

  /** One sweep as if it were {@code now}. */
  public Map<String, Integer> sweep(Instant now) {
    Map<String, Integer> changed = new LinkedHashMap<>();
    for (RetentionRule rule : rules) {
      try {
        int n = rule.expire(table.cutoff(rule.name(), now));
        changed.put(rule.name(), n);
        LOG.info("retention: {} aged out {} rows (older than {})", rule.name(), n, table.record(rule.name()));
      } catch (RuntimeException e) {
        // one rule's failure does not keep the others' data: logged, and the next night tries again
        LOG.error("retention: {} failed: {}", rule.name(), e.toString());
        changed.put(rule.name(), -1);
      }
    }
    return changed;
  }

  /** The rules in force, by name (the registration point's answer). */
  public List<String> ruleNames() {
    return rules.stream().map(RetentionRule::name).sorted().toList();
  }

  @Override
  public void start() {
    if ("-".equals(cron.trim())) {
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("retention-");
    scheduler.setPoolSize(1);
    scheduler.initialize();
    scheduler.schedule(this::sweep, new CronTrigger(cron, table.zone()));
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
