package com.peakcare.returns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Refund care (退款关怀): each refund's promise, watched by processes/refund-care.bpmn, and how often it is kept. The
 * promise is PC_REFUND_PROMISE (promised and renewed times); the refund itself is PC_REFUND ({@link RefundLedger}),
 * the one place a paid refund is stored: when it was done and whether that kept the promise are read from there.
 * Metrics: counters {@code peakcare.refunds.on_time} and {@code peakcare.refunds.late} (this node, since start)
 * and the gauge {@code peakcare.refunds.on_time_share} (all refunds done, from the database).
 */
@Service
public class RefundCare {

  private static final Logger log = LoggerFactory.getLogger(RefundCare.class);

  /** A refund's promise: promised and actual times; onTime is null while the refund is open. */
  public record RefundPromise(String returnNo, Instant promisedBy, Instant newPromisedBy, Instant doneAt,
      Boolean onTime) {}

  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;
  private final Counter onTime;
  private final Counter late;
  private final java.time.Duration delayExtension;
  private final RefundLedger refunds;

  RefundCare(RuntimeService runtimeService, JdbcTemplate jdbc, MeterRegistry meters, RefundLedger refunds,
      @org.springframework.beans.factory.annotation.Value("${peakcare.notice.refund-care.delay-extension:24h}")
      java.time.Duration delayExtension) {
    this.runtimeService = runtimeService;
    this.refunds = refunds;
    this.delayExtension = delayExtension;
    this.jdbc = jdbc;
    this.onTime = Counter.builder("peakcare.refunds.on_time").description("refunds done by the promised time")
        .register(meters);
    this.late = Counter.builder("peakcare.refunds.late").description("refunds done after the promised time")
        .register(meters);
    Gauge.builder("peakcare.refunds.on_time_share", this, RefundCare::onTimeShare)
        .description("share of all refunds done that were done by the promised time (0..1)")
        .register(meters);
  }

  /**
   * Promises the refund of this return by {@code promisedBy}: the promise is recorded (PC_REFUND_PROMISE, the system
   * of record of refund care) and message {@value RefundCareProcess#MESSAGE_REFUND_PROMISED} starts
   * processes/refund-care.bpmn for it (business key = returnNo), which sends REFUND_CARE at once. Its only variable is
   * the promised time its timer waits for. Idempotent: a second promise of the same return changes nothing.
   *
   * <p>The promise's row is what says refund care runs: every version of refund-care.bpmn records it in the
   * transaction that starts the instance (this one, or Task_RecordRefundPromise right after the start event, for an
   * instance started otherwise), and {@link #withdraw} deletes the instance with it. So no instance runs without its
   * row, and asking the engine for an instance as well (a process instance query per open, issue 23) tells nothing
   * more.
   */
  @Transactional
  public void promise(String returnNo, Instant promisedBy) {
    if (promiseOf(returnNo).isPresent()) {
      log.info("refund care of return {} already running: promise not repeated", returnNo);
      return;
    }
    insertPromise(returnNo, promisedBy);
    runtimeService.createMessageCorrelation(RefundCareProcess.MESSAGE_REFUND_PROMISED)
        .processInstanceBusinessKey(returnNo)
        .setVariable(RefundCareProcess.PROMISED_BY, Date.from(promisedBy))
        .correlateStartMessage();
  }

  /**
   * The refund is done (recorded in PC_REFUND by the gateway): message {@value RefundCareProcess#MESSAGE_REFUND_DONE}
   * moves the refund-care process on, which counts it ({@link #recordDone}), sends REFUND_DONE (amount and destination
   * from the case record) and ends. No-op if none is open.
   */
  @Transactional
  public void refundDone(String returnNo) {
    Optional<ProcessInstance> instance = instanceOf(returnNo);
    if (instance.isEmpty()) {
      log.info("return {} refunded, no refund care open: nothing to tell", returnNo);
      return;
    }
    runtimeService.createMessageCorrelation(RefundCareProcess.MESSAGE_REFUND_DONE)
        .processInstanceId(instance.get().getId())
        .correlateWithResult();
  }

  /**
   * The promise was missed: a new time, the missed one plus {@code peakcare.notice.refund-care.delay-extension} (at
   * the earliest that much from now), recorded once (a retried step keeps the first).
   */
  @Transactional
  public Instant renew(String returnNo) {
    RefundPromise promise = promiseOf(returnNo)
        .orElseThrow(() -> new IllegalStateException("no refund promise for return " + returnNo));
    if (promise.newPromisedBy() != null) {
      return promise.newPromisedBy();
    }
    Instant now = Instant.now();
    Instant from = promise.promisedBy().isBefore(now) ? now : promise.promisedBy();
    Instant renewed = from.plus(delayExtension).truncatedTo(ChronoUnit.MINUTES);
    jdbc.update("update PC_REFUND_PROMISE set NEW_PROMISED_BY = ? where RETURN_NO = ?", Timestamp.from(renewed),
        returnNo);
    LoadedCases.forgetPromise(returnNo);
    log.info("refund of return {} late: new promise {}", returnNo, renewed);
    return renewed;
  }

  /**
   * The case ended without a refund (rejected, cancelled): the promise is withdrawn, so that no delay notice or
   * supervisor task follows, and it does not count in the on-time share. No-op if none open.
   */
  @Transactional
  public void withdraw(String returnNo) {
    instanceOf(returnNo).ifPresent(pi -> runtimeService.deleteProcessInstance(pi.getId(),
        "refund withdrawn: the case ended without a refund", true, true));
    jdbc.update("delete from PC_REFUND_PROMISE where RETURN_NO = ? and not exists (select 1 from PC_REFUND R"
        + " where R.RETURN_NO = PC_REFUND_PROMISE.RETURN_NO)", returnNo);
    LoadedCases.forgetPromise(returnNo);
  }

  /**
   * The promise of this return, with the refund's time from PC_REFUND once it is paid (kept: paid by the promise). A
   * promise this transaction made is answered as written ({@link LoadedCases#promise}): its refund-care step and its
   * notice read it in the same transaction.
   */
  public Optional<RefundPromise> promiseOf(String returnNo) {
    RefundPromise held = LoadedCases.promise(returnNo);
    if (held != null) {
      return Optional.of(held);
    }
    return jdbc.query("select P.RETURN_NO, P.PROMISED_BY, P.NEW_PROMISED_BY, R.DONE_AT from PC_REFUND_PROMISE P"
        + " left join PC_REFUND R on R.RETURN_NO = P.RETURN_NO where P.RETURN_NO = ?",
        (rs, i) -> {
          Instant promisedBy = rs.getTimestamp("PROMISED_BY").toInstant();
          Timestamp renewed = rs.getTimestamp("NEW_PROMISED_BY");
          Timestamp done = rs.getTimestamp("DONE_AT");
          return new RefundPromise(rs.getString("RETURN_NO"), promisedBy,
              renewed == null ? null : renewed.toInstant(), done == null ? null : done.toInstant(),
              done == null ? null : !done.toInstant().isAfter(promisedBy));
        }, returnNo).stream().findFirst();
  }

  /** Share of the refunds done that were done on time, 0..1 (NaN before the first). */
  public double onTimeShare() {
    List<Long> counts = jdbc.query("select count(*), coalesce(sum(case when R.DONE_AT <= P.PROMISED_BY then 1 else 0"
        + " end), 0) from PC_REFUND_PROMISE P join PC_REFUND R on R.RETURN_NO = P.RETURN_NO",
        (rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).get(0);
    return counts.get(0) == 0 ? Double.NaN : (double) counts.get(1) / counts.get(0);
  }

  /** Refund-care promises due in [from, to), as they stand at {@code now}: kept, late, apologised for, open. */
  public record Promises(long due, long kept, long late, long apologised, long open) {}

  /**
   * The promises due in [from, to) as they stand at {@code now} (index PC_IDX_REFUND_PROMISE_FIGURES on the promise,
   * PC_REFUND by its key): for the dashboard's promises tile.
   */
  public Promises promises(Instant from, Instant to, Instant now) {
    Timestamp at = Timestamp.from(now);
    return jdbc.queryForObject("select count(*),"
        + " coalesce(sum(case when R.DONE_AT is not null and R.DONE_AT <= P.PROMISED_BY then 1 else 0 end), 0),"
        + " coalesce(sum(case when (R.DONE_AT is not null and R.DONE_AT > P.PROMISED_BY)"
        + " or (R.DONE_AT is null and P.PROMISED_BY < ?) then 1 else 0 end), 0),"
        + " coalesce(sum(case when P.NEW_PROMISED_BY is not null then 1 else 0 end), 0),"
        + " coalesce(sum(case when R.DONE_AT is null and P.PROMISED_BY >= ? then 1 else 0 end), 0)"
        + " from PC_REFUND_PROMISE P left join PC_REFUND R on R.RETURN_NO = P.RETURN_NO"
        + " where P.PROMISED_BY >= ? and P.PROMISED_BY < ?",
        (rs, i) -> new Promises(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
        at, at, Timestamp.from(from), Timestamp.from(to));
  }

  /** The promise, once (Task_RecordRefundPromise repeats it for instances started before the promise was recorded). */
  void recordPromise(String returnNo, Instant promisedBy) {
    if (promiseOf(returnNo).isEmpty()) {
      insertPromise(returnNo, promisedBy);
    }
  }

  private void insertPromise(String returnNo, Instant promisedBy) {
    jdbc.update("insert into PC_REFUND_PROMISE (RETURN_NO, PROMISED_BY, CREATED_AT) values (?, ?, ?)",
        returnNo, Timestamp.from(promisedBy), Timestamp.from(Instant.now()));
    // held as promiseOf would read it back, when this transaction opened the case: a case is never deleted, so a
    // return number opened now has no refund recorded (PC_REFUND) yet; one recorded later forgets it (RefundLedger)
    if (LoadedCases.inserted(returnNo)) {
      LoadedCases.keepPromise(new RefundPromise(returnNo, promisedBy.truncatedTo(ChronoUnit.MICROS), null, null,
          null));
    }
    log.info("refund of return {} promised by {}", returnNo, promisedBy);
  }

  /**
   * Task_RecordRefundDone: the refund as PC_REFUND holds it (nothing is copied into the promise), counted on time or
   * late once the step commits. A refund-care process told "done" without a refund in PC_REFUND (a message correlated
   * by hand) fails here, an incident, rather than tell the customer money was paid that was not.
   */
  void recordDone(String returnNo) {
    RefundPromise promise = promiseOf(returnNo)
        .orElseThrow(() -> new IllegalStateException("no refund promise for return " + returnNo));
    if (promise.doneAt() == null || refunds.find(returnNo).isEmpty()) {
      throw new IllegalStateException("refund care of return " + returnNo + " was told the refund is done, but no "
          + "refund of it is recorded (PC_REFUND)");
    }
    boolean kept = Boolean.TRUE.equals(promise.onTime());
    log.info("refund of return {} done {}", returnNo, kept ? "on time" : "late");
    Counter counter = kept ? onTime : late;
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          counter.increment();
        }
      });
    } else {
      counter.increment();
    }
  }

  private Optional<ProcessInstance> instanceOf(String returnNo) {
    return Optional.ofNullable(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(RefundCareProcess.KEY).processInstanceBusinessKey(returnNo).singleResult());
  }
}
