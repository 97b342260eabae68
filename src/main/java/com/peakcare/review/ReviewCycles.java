package com.peakcare.review;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.review.ReviewRepository.Cycle;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review cycles' front door: a supervisor opens one (the API, the meeting page), the weekly timer's instance gets
 * its record when it gathers. A cycle covers the reviews received since the cycle before; its record is written with
 * its process's start, in one transaction. Two cycles opened at the same moment: the database lets one through (its
 * start is unique) and the other is opened after it (a timer's, whose job fails, is retried by the job executor).
 */
@Service
class ReviewCycles {

  private static final Logger log = LoggerFactory.getLogger(ReviewCycles.class);
  /** Where the first cycle starts: every review received before it. */
  static final Instant BEGINNING = Instant.EPOCH;

  private final ReviewRepository repository;
  private final RuntimeService runtime;
  private final EngineGate gate;
  private final TransactionTemplate tx;
  private final ZoneId zone;

  ReviewCycles(ReviewRepository repository, RuntimeService runtime, EngineGate gate, TransactionTemplate tx,
      ReviewSettings settings) {
    this.repository = repository;
    this.runtime = runtime;
    this.gate = gate;
    this.tx = tx;
    this.zone = settings.timeZone();
  }

  /**
   * Opens a cycle now and starts its process (a supervisor's request, after a big sale). Two opened at the same moment
   * would start at the same point: the database lets one through and the other is opened again after it.
   */
  Cycle open(String label, String by) {
    try {
      return openOnce(label, by);
    } catch (DuplicateKeyException e) {
      log.info("two review cycles opened at once; opening {}'s after the other", by);
      return openOnce(label, by);
    }
  }

  private Cycle openOnce(String label, String by) {
    return tx.execute(s -> {
      Cycle c = record(ReviewCycleProcess.Reason.REQUESTED, label, by);
      String pid = gate.asPeakCare(() -> runtime.createMessageCorrelation(ReviewCycleProcess.MESSAGE_REQUESTED)
          .processInstanceBusinessKey(c.id()).correlateStartMessage()).getId();
      repository.cycleProcess(c.id(), pid);
      log.info("review cycle {} opened by {} ({})", c.id(), by, label == null ? "no name" : label);
      return repository.cycle(c.id()).orElseThrow();
    });
  }

  /** The record of a cycle the weekly timer started (its process runs already). */
  Cycle openWeekly(String processInstanceId) {
    Cycle c = record(ReviewCycleProcess.Reason.WEEKLY, null, null);
    repository.cycleProcess(c.id(), processInstanceId);
    return repository.cycle(c.id()).orElseThrow();
  }

  java.util.List<Cycle> recent(int n) {
    return repository.cycles(n);
  }

  Optional<Cycle> find(String id) {
    return repository.cycle(id);
  }

  private Cycle record(String reason, String label, String by) {
    Instant now = Instant.now();
    Instant from = repository.lastCycle().map(Cycle::periodTo).orElse(BEGINNING);
    String base = "RC-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(zone).format(now);
    String id = base;
    for (int n = 2; repository.cycle(id).isPresent(); n++) {
      id = base + "-" + n;
    }
    repository.insertCycle(id, reason, label, from, now, by);
    return new Cycle(id, null, reason, label, from, now, ReviewCycleProcess.Status.GATHERING, by, null, null, 0, 0, 0,
        0);
  }
}
