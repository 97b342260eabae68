package com.peakcare.notice;

import com.peakcare.engine.failure.ExpectedFailure;
import com.peakcare.retention.PersonalData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers a recorded notice over each of its channels that has not succeeded yet. Each channel is claimed before
 * the attempt and its outcome committed right after it, each in a transaction of its own: a retry after a partial
 * success never re-sends a channel that already went out (the job that ran it rolls back and fails), and two
 * executions of the same delivery job at once (the job executor re-acquires a job whose lock expired while it
 * waited in a busy node's queue) send it once.
 */
@Component("noticeDispatcher")
public class NoticeDispatcher {

  private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);
  /**
   * A claim older than {@code peakcare.notice.stale-claim} (60 s) belongs to an attempt that will never finish (its
   * node died mid-send, or lost the database before it could record the outcome). It is well above the slowest send
   * (SMS: 5 s connect + 10 s read; e-mail 10 s) and below the job lock (2 min), after which a dead node's delivery
   * job runs again elsewhere.
   */
  static final Duration STALE_CLAIM = Duration.ofSeconds(60);

  private final NoticeOutbox outbox;
  private final List<NoticeChannel> channels;
  private final NoticeProperties properties;
  private final TransactionTemplate ownTransaction;
  private final List<NoticeGuard> guards;

  NoticeDispatcher(NoticeOutbox outbox, List<NoticeChannel> channels, NoticeProperties properties,
      PlatformTransactionManager transactionManager, List<NoticeGuard> guards) {
    this.guards = guards;
    this.outbox = outbox;
    this.channels = channels;
    this.properties = properties;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The delivery task's retry cycle, {@code peakcare.notice.retry-cycle} (used by notice-delivery.bpmn). */
  public String getRetryCycle() {
    return properties.getRetryCycle();
  }

  void deliver(String key) {
    NoticeOutbox.Stored stored = outbox.find(key)
        .orElseThrow(() -> new IllegalStateException("notice " + key + " is not in the outbox"));
    List<String> failures = new ArrayList<>();
    for (NoticeDelivery delivery : stored.notice().deliveries()) {
      if (NoticeDelivery.SENT.equals(delivery.status()) || NoticeDelivery.WITHHELD.equals(delivery.status())
          || NoticeDelivery.IN_APP.equals(delivery.channel())) {
        continue;
      }
      String name = delivery.channel();
      // the last word before the message leaves (issue 22): asked right before each channel, not only when recorded
      java.util.Optional<String> withheld = NoticeGuard.first(guards, stored.notice().caseRef(), stored.notice().type());
      if (withheld.isPresent()) {
        ownTransaction.executeWithoutResult(s -> outbox.markWithheld(key, name, withheld.get(), Instant.now()));
        log.info("notice {} over {} withheld: {}", key, name, withheld.get());
        continue;
      }
      try {
        NoticeChannel channel = channels.stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no channel " + name));
        if (!channel.enabled()) {
          throw new IllegalStateException("channel " + name + " is disabled (peakcare.notice."
              + name.toLowerCase(java.util.Locale.ROOT) + ".enabled)");
        }
        Instant now = Instant.now();
        if (!Boolean.TRUE.equals(ownTransaction.execute(s -> outbox.claim(key, name, now,
            now.minus(properties.getStaleClaim()))))) {
          if (sent(key, name)) {
            log.info("notice {} over {}: already sent by another execution", key, name);
            continue;
          }
          // claimed by an attempt still under way, or by one whose node died before recording the outcome: never
          // end the delivery while a channel is unsent; the retry sends it once the claim is stale
          log.info("notice {} over {}: being sent by another execution; retried later", key, name);
          failures.add(name + " (claimed by another execution)");
          continue;
        }
        channel.send(stored);
        ownTransaction.executeWithoutResult(s -> outbox.markSent(key, name, Instant.now()));
        log.info("notice {} sent over {}", key, name);
      } catch (RuntimeException e) {
        String error = describe(e);
        ownTransaction.executeWithoutResult(s -> outbox.markFailed(key, name, error, Instant.now()));
        log.warn("notice {} not sent over {}: {}", key, name, error);
        failures.add(name + " (" + error + ")");
      }
    }
    if (!failures.isEmpty()) {
      throw new NoticeNotDeliveredException("notice " + key + " not delivered over " + String.join(", ", failures));
    }
  }

  /** What became of one claimed channel row. */
  enum Outcome { SENT, WITHHELD, RETRY, FAILED }

  /**
   * Sends one channel row the outbox poller claimed (SENDING) and records the outcome in a transaction of its own:
   * asked the guards right before (a withheld channel is never sent), SENT, or a failed attempt that is due again
   * after the retry cycle's pause, or FAILED when it was the last one (an operator retries it). The claim was made
   * only from PENDING (or a stale SENDING), never from SENT: a channel that went out is never sent again.
   */
  Outcome deliverClaimed(NoticeOutbox.Stored stored, NoticeOutbox.Claimed claimed, RetryCycle cycle) {
    String key = claimed.key();
    String name = claimed.channel();
    java.util.Optional<String> withheld = NoticeGuard.first(guards, stored.notice().caseRef(), stored.notice().type());
    if (withheld.isPresent()) {
      ownTransaction.executeWithoutResult(s -> outbox.markWithheld(key, name, withheld.get(), Instant.now()));
      log.info("notice {} over {} withheld: {}", key, name, withheld.get());
      return Outcome.WITHHELD;
    }
    try {
      NoticeChannel channel = channels.stream().filter(c -> c.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no channel " + name));
      if (!channel.enabled()) {
        throw new IllegalStateException("channel " + name + " is disabled (peakcare.notice."
            + name.toLowerCase(java.util.Locale.ROOT) + ".enabled)");
      }
      channel.send(stored);
    } catch (RuntimeException e) {
      String error = describe(e);
      Instant now = Instant.now();
      int left = claimed.attemptsLeft() - 1;
      Instant retryAt = left > 0 ? now.plus(cycle.pauseBefore(left)) : null;
      ownTransaction.executeWithoutResult(s -> outbox.attemptFailed(key, name, error, now, retryAt));
      if (retryAt == null) {
        log.error("notice {} FAILED over {}, retries ran out (an operator retries it: GET /api/notice-deliveries/"
            + "failed): {}", key, name, error);
        return Outcome.FAILED;
      }
      log.warn("notice {} not sent over {} ({} attempt(s) left, next at {}): {}", key, name, left, retryAt, error);
      return Outcome.RETRY;
    }
    // sent; if this record fails (the database blipped) the claim turns stale and the channel is sent again later
    // with the same idempotency key, which the gateway uses to drop the repeat
    ownTransaction.executeWithoutResult(s -> outbox.markSent(key, name, Instant.now()));
    log.debug("notice {} sent over {}", key, name);
    return Outcome.SENT;
  }

  /**
   * The failure as the operator reads it (log, LAST_ERROR, the incident): the exception and, when it wraps one, its
   * root cause; a gateway that does not answer is otherwise "I/O error on POST request for …: null".
   */
  static String describe(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root == e) {
      return PersonalData.scrub(text);
    }
    // issue 27: a mail server's "550 <zhang.wei@example.com>" or a gateway echoing the number stays out of the log,
    // LAST_ERROR and the incident
    return PersonalData.scrub(text + " (" + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")");
  }

  private boolean sent(String key, String channel) {
    return outbox.find(key).stream().flatMap(n -> n.notice().deliveries().stream())
        .anyMatch(d -> d.channel().equals(channel) && NoticeDelivery.SENT.equals(d.status()));
  }

  /**
   * The delivery job fails: Camunda retries it, and when the retries run out it is an incident. Each channel's
   * failure is logged above in one line, so the engine need not log a stack trace for every retry.
   */
  static class NoticeNotDeliveredException extends RuntimeException implements ExpectedFailure {
    NoticeNotDeliveredException(String message) {
      super(message);
    }
  }
}
