package com.peakcare.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's side of outbox delivery (what a Cockpit incident on notice-delivery is for a process-delivered
 * notice): the channels whose retries ran out, and a retry that gives a failed notice one more attempt (as Cockpit's
 * Retry sets a job's retries to 1), made by the poller at once. A retry never touches a channel that went out.
 */
@Service
public class NoticeDeliveries {

  private static final Logger log = LoggerFactory.getLogger(NoticeDeliveries.class);
  /** The most failed channels listed at once; the dashboard's notices tile counts them all. */
  static final int LIST_LIMIT = 500;

  /** A channel of a notice whose delivery gave up: no text, no address (the case's notices show the text). */
  public record FailedDelivery(String noticeKey, String caseRef, NoticeType type, String channel, int attempts,
      String lastError, Instant failedAt) {}

  private final NoticeOutbox outbox;
  private final NoticeOutboxPoller poller;

  NoticeDeliveries(NoticeOutbox outbox, NoticeOutboxPoller poller) {
    this.outbox = outbox;
    this.poller = poller;
  }

  /** The outbox's failed channels, oldest failure first. */
  @Transactional(readOnly = true)
  public List<FailedDelivery> failed() {
    return outbox.failed(LIST_LIMIT).stream().map(f -> new FailedDelivery(f.key(), f.caseRef(), f.type(),
        f.channel(), f.attempts(), f.lastError(), f.failedAt())).toList();
  }

  /**
   * One more attempt for every failed channel of the notice; the notice as it stands, empty when there is no such
   * notice; {@link NothingFailed} when none of its channels is FAILED (sent, on its way, or a process delivers it).
   */
  @Transactional
  public Optional<Notice> retry(String noticeKey, String operator) {
    Optional<NoticeOutbox.Stored> notice = outbox.find(noticeKey);
    if (notice.isEmpty()) {
      return Optional.empty();
    }
    int channels = outbox.retryFailed(noticeKey, Instant.now(), 1);
    if (channels == 0) {
      throw new NothingFailed(noticeKey);
    }
    log.info("notice {}: {} failed channel(s) retried by {}", noticeKey, channels, operator);
    org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
        new org.springframework.transaction.support.TransactionSynchronization() {
          @Override
          public void afterCommit() {
            poller.wake();
          }
        });
    return outbox.find(noticeKey).map(NoticeOutbox.Stored::notice);
  }

  /** The notice has no failed channel to retry. */
  public static class NothingFailed extends RuntimeException {
    NothingFailed(String noticeKey) {
      super("notice " + noticeKey + " has no failed delivery to retry");
    }
  }
}
