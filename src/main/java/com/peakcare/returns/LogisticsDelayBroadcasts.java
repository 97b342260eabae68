package com.peakcare.returns;

import com.peakcare.notice.DeliveryTally;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.returns.LogisticsDelayBroadcast.Outcome;
import com.peakcare.returns.LogisticsDelayBroadcast.Status;
import com.peakcare.returns.LogisticsDelayRepository.Member;
import com.peakcare.returns.LogisticsDelayRepository.Row;
import com.peakcare.returns.LogisticsDelayRepository.Told;
import com.peakcare.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 物流异常通知 (issue 13): tells every customer whose parcel or replacement travels with a late courier to the
 * given provinces, once. Starting a broadcast only fixes the set of cases and starts the process
 * logistics-delay-broadcast; its batches do the telling, each in its own transaction on any node's job executor.
 * The same broadcast posted again tells nobody twice: each notice's dedup key is the broadcast's content key and
 * the waybill, as before issue 13, so even a broadcast sent by the old synchronous endpoint is recognised.
 */
@Service
public class LogisticsDelayBroadcasts {

  private static final Logger log = LoggerFactory.getLogger(LogisticsDelayBroadcasts.class);
  static final String EVENT = "LOGISTICS_DELAY";
  /** What a broadcast that stopped says to whoever started it (its cause is the operators' incident). */
  static final String STOPPED = "发送中断：有一批通知在重试后仍未发出，已在 Cockpit 中生成事件，运维排除原因后重试即可继续；已发出的不会重发 · "
      + "Stopped: a batch still failed after its retries. Operators see it as an incident in Cockpit and retry it once "
      + "the cause is fixed; nobody already told is told twice.";
  static final String CANCELLED = "已取消：这次广播的流程在发送完之前被取消 · Cancelled: the broadcast's process was cancelled "
      + "before it was done.";

  private final LogisticsDelayRepository broadcasts;
  private final ReturnCaseRepository cases;
  private final NoticeService notices;
  private final RuntimeService runtimeService;
  private final LogisticsDelaySettings settings;
  private final DelayReasons reasons;
  private final ReturnNoticeFacts facts;

  LogisticsDelayBroadcasts(LogisticsDelayRepository broadcasts, ReturnCaseRepository cases, NoticeService notices,
      RuntimeService runtimeService, LogisticsDelaySettings settings, DelayReasons reasons, ReturnNoticeFacts facts) {
    this.broadcasts = broadcasts;
    this.reasons = reasons;
    this.facts = facts;
    this.cases = cases;
    this.notices = notices;
    this.runtimeService = runtimeService;
    this.settings = settings;
  }

  /**
   * Fixes the cases the delay hits now (open, travelling with this courier to one of these provinces; only the cases
   * {@code onlyOpenedBy} opened, when given: an integrator reaches its own) and starts sending in the background;
   * answers at once. The reason is a code of the shop's list ({@link DelayReasons}). Cases the same broadcast told
   * before are marked as such here and get nothing; when nobody is left to tell, the broadcast is DONE without a
   * process.
   */
  @Transactional
  public LogisticsDelayBroadcast start(String courier, List<String> provinces, int expectedDelayDays, String reason,
      String user, String onlyOpenedBy) {
    if (!reasons.knows(reason)) {
      throw ApiException.invalid("reason", "须为店铺的延误原因之一 · one of the shop's delay reasons: "
          + reasons.described());
    }
    String key = key(courier, provinces, expectedDelayDays, reason);
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Optional<String> repeatOf = broadcasts.firstWithKey(key);
    Map<String, Told> toldBefore = new HashMap<>();
    if (repeatOf.isPresent()) {
      for (Told t : broadcasts.toldWithKey(key)) {
        toldBefore.put(t.returnNo() + "\n" + t.waybillNo(), t);
      }
    }
    List<Member> pending = new ArrayList<>();
    List<Told> already = new ArrayList<>();
    for (ReturnCaseRepository.Travelling t : cases.travellingWith(courier, provinces, onlyOpenedBy)) {
      Told before = toldBefore.get(t.returnNo() + "\n" + t.waybillNo());
      if (before != null) {
        already.add(before);
      } else {
        pending.add(new Member(t.returnNo(), t.waybillNo()));
      }
    }
    String processInstanceId = pending.isEmpty() ? null : runtimeService
        .createProcessInstanceByKey(LogisticsDelayBroadcastProcess.KEY).businessKey(id).execute().getId();
    broadcasts.insert(new Row(id, key, courier, List.copyOf(provinces), expectedDelayDays, reason,
        repeatOf.orElse(null), pending.size() + already.size(), null, processInstanceId, user, now,
        pending.isEmpty() ? now : null));
    broadcasts.insertMembers(id, pending, already, now);
    log.info("logistics delay {} of {} in {} started by {}: {} cases to tell, {} told before{}", id, courier, provinces,
        user, pending.size(), already.size(), repeatOf.map(r -> " (repeats " + r + ")").orElse(""));
    return view(id, null);
  }

  /** The broadcast and how far it got; 404 when there is none with this id (or, {@code onlyStartedBy}, not theirs). */
  @Transactional(readOnly = true)
  public LogisticsDelayBroadcast view(String id, String onlyStartedBy) {
    Row b = broadcasts.find(id).filter(r -> onlyStartedBy == null || r.startedBy().equals(onlyStartedBy))
        .orElseThrow(() -> ApiException.notFound("logistics-delay broadcast " + id));
    LogisticsDelayRepository.Counts counts = broadcasts.counts(id);
    DeliveryTally delivery = notices.deliveryOf(broadcasts.noticeKeys(id));
    Status status = Status.RUNNING;
    String incident = null;
    if (b.finishedAt() != null) {
      status = Status.DONE;
    } else if (b.processInstanceId() != null) {
      List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(b.processInstanceId()).list();
      if (!incidents.isEmpty()) {
        // a sentence for whoever started it; the cause (which may quote SQL) is for operators, in Cockpit's incident
        status = Status.FAILED;
        incident = STOPPED;
      } else if (runtimeService.createProcessInstanceQuery().processInstanceId(b.processInstanceId()).count() == 0) {
        // the last batch ends the process and sets FINISHED_AT in one transaction; if that committed between the two
        // reads above, read again (then it is DONE); otherwise someone cancelled it
        if (broadcasts.find(id).map(Row::finishedAt).isPresent()) {
          return view(id, onlyStartedBy);
        }
        status = Status.FAILED;
        incident = CANCELLED;
      }
    }
    return new LogisticsDelayBroadcast(b.id(), status, b.courier(), b.provinces(), b.expectedDelayDays(), b.reason(),
        b.repeatOf(), b.startedBy(), b.startedAt(), b.finishedAt(), b.matched(), counts.notified(),
        counts.alreadyNotified(), counts.remaining(), delivery.sent(), delivery.failed(), b.processInstanceId(),
        incident);
  }

  /**
   * One batch (Task_SendNextBatch, in the job's transaction): tells the next cases, in return-number order, and
   * marks each with its notice in the same transaction, so a batch that fails half-way leaves no trace and its
   * re-run tells each customer once. True when no case is left.
   */
  @Transactional
  public boolean sendNextBatch(String id) {
    Row b = broadcasts.lock(id).orElseThrow(() -> new IllegalStateException("no logistics-delay broadcast " + id));
    if (b.finishedAt() != null) {
      return true;
    }
    int size = settings.getBatchSize();
    List<Member> batch = broadcasts.pending(id, b.lastReturnNo(), size);
    int fresh = 0;
    for (Member m : batch) {
      if (tell(b, m)) {
        fresh++;
      }
    }
    String last = batch.isEmpty() ? b.lastReturnNo() : batch.get(batch.size() - 1).returnNo();
    boolean allSent = batch.size() < size || broadcasts.pending(id, last, 1).isEmpty();
    Instant now = Instant.now();
    broadcasts.advance(id, last, allSent ? now : null);
    log.info("logistics delay {}: batch of {} cases, {} told now, {} told before{}", id, batch.size(), fresh,
        batch.size() - fresh, allSent ? "; broadcast done" : "");
    return allSent;
  }

  /** Tells one case unless the same broadcast told it before; true when a notice was recorded now. */
  private boolean tell(Row b, Member m) {
    try {
      String dedup = b.broadcastKey() + ":" + m.waybillNo();
      Instant now = Instant.now();
      Optional<Notice> before = notices.sentOnce(m.returnNo(), NoticeType.LOGISTICS_DELAY, dedup);
      if (before.isPresent()) {
        broadcasts.told(b.id(), m.returnNo(), Outcome.ALREADY_NOTIFIED, before.get().key(), now);
        return false;
      }
      NoticeCustomer customer = facts.of(m.returnNo())
          .orElseThrow(() -> new IllegalStateException("the case or its order does not exist")).customer();
      Notice notice = notices.sendOnce(m.returnNo(), NoticeType.LOGISTICS_DELAY, dedup, customer,
          Map.of(NoticeVariables.COURIER, b.courier(),
              NoticeVariables.WAYBILL_NO, m.waybillNo(),
              NoticeVariables.EXPECTED_DELAY_DAYS, b.expectedDelayDays(),
              NoticeVariables.DELAY_REASON, reasons.label(b.reason(), NoticeCustomer.EN.equals(customer.noticeLocale()))));
      broadcasts.told(b.id(), m.returnNo(), Outcome.NOTIFIED, notice.key(), now);
      cases.event(m.returnNo(), b.startedBy(), EVENT,
          b.courier() + " +" + b.expectedDelayDays() + " d: " + b.reason() + " (broadcast " + b.id() + ")");
      return true;
    } catch (OptimisticLockingException e) {
      throw e; // the engine's own concurrency signal, handled by the job executor as such
    } catch (RuntimeException e) {
      // the incident, if the retries run out, names the case that stops the broadcast
      throw new IllegalStateException("logistics delay " + b.id() + ": return " + m.returnNo()
          + " cannot be told: " + e.getMessage(), e);
    }
  }

  /** The content's fingerprint, computed as the synchronous broadcast before issue 13 did (same notices' keys). */
  static String key(String courier, List<String> provinces, int expectedDelayDays, String reason) {
    return RequestFingerprint.sha256(courier + "|" + String.join(",", provinces.stream().sorted().toList())
        + "|" + expectedDelayDays + "|" + reason).substring(0, 16);
  }
}
