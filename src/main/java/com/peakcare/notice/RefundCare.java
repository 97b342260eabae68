package com.peakcare.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Refund care (退款关怀): each refund's promise, watched by processes/refund-care.bpmn, and how often it is kept.
 * Metrics: counters {@code peakcare.refunds.on_time} and {@code peakcare.refunds.late} (this node, since start)
 * and the gauge {@code peakcare.refunds.on_time_share} (all refunds done, from the database).
 */
@Service
public class RefundCare {

  private static final Logger log = LoggerFactory.getLogger(RefundCare.class);

  /** A refund's promise: promised and actual times; onTime is null while the refund is open. */
  public record RefundPromise(String returnNo, Instant promisedBy, Instant doneAt, Boolean onTime) {}

  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;
  private final Counter onTime;
  private final Counter late;

  RefundCare(RuntimeService runtimeService, JdbcTemplate jdbc, MeterRegistry meters) {
    this.runtimeService = runtimeService;
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
   * Starts processes/refund-care.bpmn for this return (business key = returnNo) unless one exists; it sends
   * REFUND_CARE at once with the promised time. Idempotent.
   */
  @Transactional
  public void promise(String returnNo, NoticeCustomer customer, Instant promisedBy, BigDecimal amount) {
    if (promiseOf(returnNo).isPresent() || instanceOf(returnNo).isPresent()) {
      log.info("refund care of return {} already running: promise not repeated", returnNo);
      return;
    }
    Map<String, Object> vars = new HashMap<>();
    vars.put(NoticeVariables.RETURN_NO, returnNo);
    vars.put(NoticeVariables.CUSTOMER_NAME, customer.name());
    vars.put(NoticeVariables.CUSTOMER_PHONE, customer.phone());
    vars.put(NoticeVariables.CUSTOMER_EMAIL, customer.email());
    vars.put(NoticeVariables.CUSTOMER_LOCALE, customer.locale());
    vars.put(NoticeVariables.CUSTOMER_PROVINCE, customer.province());
    vars.put(NoticeVariables.AMOUNT, amount == null ? null : amount.doubleValue());
    vars.put(NoticeVariables.PROMISED_BY, Date.from(promisedBy));
    runtimeService.startProcessInstanceByKey(RefundCareProcess.KEY, returnNo, vars);
  }

  /**
   * The refund is done: correlates to the refund-care process, which sends REFUND_DONE and ends. No-op if none
   * open.
   */
  @Transactional
  public void refundDone(String returnNo, BigDecimal amount, String refundTo, Instant doneAt) {
    Optional<ProcessInstance> instance = instanceOf(returnNo);
    if (instance.isEmpty()) {
      log.info("return {} refunded, no refund care open: nothing to tell", returnNo);
      return;
    }
    Map<String, Object> vars = new HashMap<>();
    if (amount != null) {
      vars.put(NoticeVariables.AMOUNT, amount.doubleValue());
    }
    vars.put(NoticeVariables.REFUND_TO, refundTo);
    vars.put(NoticeVariables.DONE_AT, Date.from(doneAt == null ? Instant.now() : doneAt));
    runtimeService.createMessageCorrelation(RefundCareProcess.MESSAGE_REFUND_DONE)
        .processInstanceId(instance.get().getId())
        .setVariables(vars)
        .correlateWithResult();
  }

  /**
   * The case ended without a refund (rejected, cancelled): the promise is withdrawn, so that no delay notice or
   * supervisor task follows, and it does not count in the on-time share. No-op if none open.
   */
  @Transactional
  public void withdraw(String returnNo) {
    instanceOf(returnNo).ifPresent(pi -> runtimeService.deleteProcessInstance(pi.getId(),
        "refund withdrawn: the case ended without a refund", true, true));
    jdbc.update("delete from PC_REFUND_PROMISE where RETURN_NO = ? and DONE_AT is null", returnNo);
  }

  public Optional<RefundPromise> promiseOf(String returnNo) {
    return jdbc.query("select RETURN_NO, PROMISED_BY, DONE_AT, ON_TIME from PC_REFUND_PROMISE where RETURN_NO = ?",
        (rs, i) -> {
          Timestamp done = rs.getTimestamp("DONE_AT");
          boolean kept = rs.getBoolean("ON_TIME");
          Boolean onTimeValue = rs.wasNull() ? null : kept;
          return new RefundPromise(rs.getString("RETURN_NO"), rs.getTimestamp("PROMISED_BY").toInstant(),
              done == null ? null : done.toInstant(), onTimeValue);
        }, returnNo).stream().findFirst();
  }

  /** Share of the refunds done that were done on time, 0..1 (NaN before the first). */
  public double onTimeShare() {
    List<Long> counts = jdbc.query("select count(*), coalesce(sum(case when ON_TIME then 1 else 0 end), 0)"
        + " from PC_REFUND_PROMISE where DONE_AT is not null", (rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).get(0);
    return counts.get(0) == 0 ? Double.NaN : (double) counts.get(1) / counts.get(0);
  }

  /** Task_RecordRefundPromise: the promise as the process got it (also when started by a call activity). */
  void recordPromise(String returnNo, Instant promisedBy, BigDecimal amount) {
    if (promiseOf(returnNo).isPresent()) {
      return;
    }
    jdbc.update("insert into PC_REFUND_PROMISE (RETURN_NO, PROMISED_BY, AMOUNT, CREATED_AT) values (?, ?, ?, ?)",
        returnNo, Timestamp.from(promisedBy), amount, Timestamp.from(Instant.now()));
    log.info("refund of return {} promised by {}", returnNo, promisedBy);
  }

  /** Task_RecordRefundDone: when the refund was done, and whether that kept the promise. */
  void recordDone(String returnNo, Instant doneAt) {
    RefundPromise promise = promiseOf(returnNo)
        .orElseThrow(() -> new IllegalStateException("no refund promise for return " + returnNo));
    if (promise.doneAt() != null) {
      return;
    }
    boolean kept = !doneAt.isAfter(promise.promisedBy());
    jdbc.update("update PC_REFUND_PROMISE set DONE_AT = ?, ON_TIME = ? where RETURN_NO = ? and DONE_AT is null",
        Timestamp.from(doneAt), kept, returnNo);
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
