package com.peakcare.notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox (issue 23, {@code peakcare.notice.delivery=outbox}): on every node one thread claims the due
 * channel rows of {@code PC_NOTICE_DELIVERY} in batches ({@code poller.batch}, on PostgreSQL {@code for update skip
 * locked}), sends them on {@code poller.threads} sender threads and records each outcome in its own transaction
 * ({@link NoticeDispatcher#deliverClaimed}). A full batch is followed by the next at once; otherwise the thread waits
 * {@code poller.interval}, or less when a notice recorded on this node commits ({@link #wake}). A claim lasts
 * {@code stale-claim} (60 s): a node that dies mid-send gives its rows back then, and any node sends them again with
 * the same idempotency key. Failed attempts follow {@code retry-cycle}; when it runs out the row is FAILED until an
 * operator retries it ({@link NoticeDeliveries}). No process instance, no job.
 */
@Component
public class NoticeOutboxPoller {

  private static final Logger log = LoggerFactory.getLogger(NoticeOutboxPoller.class);

  private final NoticeOutbox outbox;
  private final NoticeDispatcher dispatcher;
  private final NoticeProperties properties;
  private final RetryCycle cycle;
  private final ThreadPoolExecutor senders;
  private final Object signal = new Object();
  private final AtomicInteger rounds = new AtomicInteger();
  private final java.util.concurrent.Semaphore inFlight;
  /** Free places before the loop claims again: one claim statement per {@code threads} rows at the least. */
  private final int refill;
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  NoticeOutboxPoller(NoticeOutbox outbox, NoticeDispatcher dispatcher, NoticeProperties properties) {
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.cycle = RetryCycle.parse(properties.getRetryCycle());
    int threads = Math.max(1, properties.getPoller().getThreads());
    this.inFlight = new java.util.concurrent.Semaphore(2 * threads);
    this.refill = Math.min(threads, Math.max(1, properties.getPoller().getBatch()));
    AtomicInteger n = new AtomicInteger();
    this.senders = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "notice-sender-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!properties.getPoller().isEnabled()) {
      log.info("notice outbox poller off (peakcare.notice.poller.enabled)");
      return;
    }
    running = true;
    thread = new Thread(this::loop, "notice-poller");
    thread.setDaemon(true);
    thread.start();
    log.info("notice outbox poller on: {} a round, {} senders, every {} (delivery: {})",
        properties.getPoller().getBatch(), properties.getPoller().getThreads(), properties.getPoller().getInterval(),
        properties.getDelivery());
  }

  /**
   * A node that stops claims nothing more, gives back the rows it has not started (they stay SENDING until their
   * claim turns stale, then any node sends them: never sent, so never twice) and lets the sends under way finish and
   * record their outcome, for at most the SMS read timeout and a little: a send cut off in mid-air would be sent
   * again by another node.
   */
  @EventListener(ContextClosedEvent.class)
  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    List<Runnable> notStarted = new ArrayList<>();
    senders.getQueue().drainTo(notStarted);
    senders.shutdown();
    try {
      if (!senders.awaitTermination(properties.getSms().getReadTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      senders.shutdownNow();
    }
    if (!notStarted.isEmpty()) {
      log.info("notice outbox poller stopped; {} claimed row(s) not started go back when their claim is stale",
          notStarted.size());
    }
  }

  /** A notice was recorded and committed on this node: look now rather than at the end of the interval. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /**
   * The node's loop: claims at most as many rows as there are free places ({@code 2 × poller.threads} in flight, at
   * most {@code poller.batch} a claim) and hands them to the senders without waiting for the round to finish, so a
   * gateway that hangs on some rows holds their threads only, and a claimed row waits at most about two sends
   * before it leaves (well within the stale claim, so no other node takes it over meanwhile).
   */
  private void loop() {
    long pause = properties.getPoller().getInterval().toMillis();
    while (running) {
      int free = inFlight.availablePermits();
      int claimed = 0;
      if (free >= refill) {
        try {
          claimed = feed(Instant.now(), Math.min(free, Math.max(1, properties.getPoller().getBatch())));
        } catch (RuntimeException e) {
          // the database is away, say: nothing was claimed, or the claims turn stale; the next round tries again
          log.warn("notice outbox poll failed: {}", e.toString());
        }
      }
      if (claimed > 0 && claimed == Math.min(free, Math.max(1, properties.getPoller().getBatch()))) {
        continue; // more may be due: claim again once enough places are free (the senders wake this thread)
      }
      synchronized (signal) {
        if (!woken) {
          try {
            signal.wait(free < refill ? Math.min(pause, 200) : pause);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        woken = false;
      }
    }
  }

  private int feed(Instant now, int limit) {
    rounds.incrementAndGet();
    List<NoticeOutbox.Claimed> claimed = outbox.claimDue(now, now.plus(properties.getStaleClaim()), limit);
    if (claimed.isEmpty()) {
      return 0;
    }
    for (NoticeOutbox.Claimed c : claimed) {
      inFlight.acquireUninterruptibly();
      senders.execute(() -> {
        try {
          send(c);
        } catch (RuntimeException e) {
          log.warn("notice {} over {}: outcome not recorded, retried when its claim is stale: {}", c.key(),
              c.channel(), e.toString());
        } finally {
          inFlight.release();
          if (inFlight.availablePermits() >= refill) {
            wake(); // half the places are free: claim the next rows now rather than at the next interval
          }
        }
      });
    }
    return claimed.size();
  }

  /** One claimed row: its notice read by key, sent, the outcome recorded; null when the notice is gone. */
  private NoticeDispatcher.Outcome send(NoticeOutbox.Claimed c) {
    return outbox.forSending(c.key()).map(stored -> dispatcher.deliverClaimed(stored, c, cycle))
        .orElse(null); // removed meanwhile (retention, with its delivery rows): nothing to send
  }

  /** Delivers everything due now, batch after batch, on the sender threads; what became of each channel row. */
  public Map<NoticeDispatcher.Outcome, Integer> runOnce() {
    return runOnce(Instant.now());
  }

  /** {@link #runOnce()} as if it were {@code now} (tests: a retry due in a minute). */
  public Map<NoticeDispatcher.Outcome, Integer> runOnce(Instant now) {
    Map<NoticeDispatcher.Outcome, Integer> tally = new EnumMap<>(NoticeDispatcher.Outcome.class);
    while (true) {
      Map<NoticeDispatcher.Outcome, Integer> one = new EnumMap<>(NoticeDispatcher.Outcome.class);
      int claimed = round(now, one);
      one.forEach((k, v) -> tally.merge(k, v, Integer::sum));
      if (claimed < properties.getPoller().getBatch() || one.isEmpty()) {
        return tally;
      }
    }
  }

  /** Rounds run since start (figures for tests and the benchmark). */
  int rounds() {
    return rounds.get();
  }

  private int round(Instant now, Map<NoticeDispatcher.Outcome, Integer> tally) {
    rounds.incrementAndGet();
    List<NoticeOutbox.Claimed> claimed = outbox.claimDue(now, now.plus(properties.getStaleClaim()),
        Math.max(1, properties.getPoller().getBatch()));
    if (claimed.isEmpty()) {
      return 0;
    }
    List<Future<NoticeDispatcher.Outcome>> running = new ArrayList<>();
    for (NoticeOutbox.Claimed c : claimed) {
      running.add(senders.submit(() -> send(c)));
    }
    for (Future<NoticeDispatcher.Outcome> f : running) {
      try {
        NoticeDispatcher.Outcome outcome = f.get();
        if (outcome != null) {
          tally.merge(outcome, 1, Integer::sum);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // its outcome could not be recorded (the database blipped): the claim turns stale and it is tried again
        log.warn("notice delivery not recorded; retried when its claim is stale: {}", e.getCause().toString());
      }
    }
    return claimed.size();
  }
}
