package com.peakcare.reminder;

import com.peakcare.notice.NoticeWithheld;
import com.peakcare.reminder.ReminderRepository.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends the due steps: every {@code peakcare.reminders.poller.interval} (2 s) each node reads up to
 * {@code poller.batch} pending steps due now, earliest first, and sends them on {@code poller.threads} threads, each
 * step in a transaction of its own ({@link ReminderSender}). Nodes polling together meet on the order's row lock and
 * the step's conditional update: a step is sent once. Each round claims its steps first ({@code poller.claim-for}:
 * on PostgreSQL with {@code for update skip locked}), so two nodes split the due steps instead of meeting on them. A
 * step that fails is tried again after {@code retry.backoff} doubled each time, and after {@code retry.max-attempts}
 * it ends FAILED with its error (the report counts it): bounded, never sent twice (a failed attempt's transaction,
 * notice included, is rolled back). No process instance per order: a step is two rows until it is due.
 */
@Component
class ReminderPoller {

  private static final Logger log = LoggerFactory.getLogger(ReminderPoller.class);

  private final ReminderRepository repository;
  private final ReminderSender sender;
  private final ReminderSettings settings;
  private final ExecutorService workers;
  private ScheduledExecutorService timer;

  ReminderPoller(ReminderRepository repository, ReminderSender sender, ReminderSettings settings) {
    this.repository = repository;
    this.sender = sender;
    this.settings = settings;
    this.workers = Executors.newFixedThreadPool(settings.pollThreads(), r -> {
      Thread t = new Thread(r, "reminder-sender");
      t.setDaemon(true);
      return t;
    });
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!settings.pollerEnabled()) {
      log.info("payment reminder poller off (peakcare.reminders.poller.enabled)");
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "reminder-poller");
      t.setDaemon(true);
      return t;
    });
    long ms = settings.pollInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        runOnce(Instant.now());
      } catch (RuntimeException e) {
        log.warn("payment reminder poll failed: {}", e.toString());
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
    workers.shutdownNow();
  }

  /** Sends every step due by {@code now}; what became of them. */
  Map<ReminderSender.Outcome, Integer> runOnce(Instant now) {
    Map<ReminderSender.Outcome, Integer> tally = new EnumMap<>(ReminderSender.Outcome.class);
    while (true) {
      List<Step> due = repository.claimDue(now, now.plus(settings.claimFor()), settings.pollBatch());
      if (due.isEmpty()) {
        return tally;
      }
      List<Future<ReminderSender.Outcome>> running = new ArrayList<>();
      for (Step step : due) {
        running.add(workers.submit(() -> sendOne(step, now)));
      }
      int progress = 0;
      for (Future<ReminderSender.Outcome> f : running) {
        ReminderSender.Outcome outcome;
        try {
          outcome = f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return tally;
        } catch (java.util.concurrent.ExecutionException e) {
          outcome = null;
        }
        if (outcome != null) {
          tally.merge(outcome, 1, Integer::sum);
          progress++;
        }
      }
      if (progress == 0 || due.size() < settings.pollBatch()) {
        return tally;
      }
    }
  }

  private ReminderSender.Outcome sendOne(Step step, Instant now) {
    try {
      return sender.send(step.orderNo(), step.stepNo(), now);
    } catch (NoticeWithheld e) {
      sender.withheld(step.orderNo(), step.stepNo(), e.reason());
      return ReminderSender.Outcome.WITHHELD;
    } catch (RuntimeException e) {
      try {
        int attempts = sender.failed(step.orderNo(), step.stepNo(), e.toString(), now);
        if (attempts >= settings.maxAttempts()) {
          log.error("order {}: reminder step {} FAILED after {} attempts, given up: {}", step.orderNo(),
              step.stepNo(), attempts, e.toString());
          return ReminderSender.Outcome.FAILED;
        }
        log.warn("order {}: reminder step {} not sent (attempt {} of {}), tried again at {}: {}", step.orderNo(),
            step.stepNo(), attempts, settings.maxAttempts(), now.plus(settings.retryAfter(attempts)), e.toString());
        return ReminderSender.Outcome.RETRY;
      } catch (RuntimeException again) {
        log.warn("order {}: reminder step {} not sent, nor its failure recorded (the claim runs out): {}",
            step.orderNo(), step.stepNo(), again.toString());
        return null;
      }
    }
  }
}
