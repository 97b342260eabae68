package com.peakcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.returns.BenchSeeds;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives return cases from open to closed over HTTP, as the shop (shop1), the agent (agent1/agent2) and the
 * warehouse (warehouse1) would: even cases are small refunds the policy approves at once, odd cases are returns an
 * agent reviews, whose parcel comes back and is inspected. Both wait for the asynchronous refund, after which the
 * case closes by itself (return-case.bpmn version 5: its 回访 is return-survey.bpmn's, days later). A fixed number of HTTP clients work on many cases in flight: a case that waits for the job
 * executor (the refund) goes back into a delay queue and is polled again after {@code pollMillis}.
 */
final class Lifecycle {

  enum Step { OPEN, REVIEW, PARCEL, INSPECT, WAIT_REFUNDED }

  record Result(int cases, int closed, int failed, double seconds, double p50, double p99, long requests,
      String firstError) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVIEW_DONE =
      "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"七天无理由 · bench\"}}}";
  private static final String INSPECTION_PASSED =
      "{\"variables\":{\"inspectionPassed\":{\"value\":true},\"inspectionNote\":{\"value\":\"完好 · intact\"}}}";

  private final Client client;
  private final String prefix;
  private final int pollMillis;

  Lifecycle(Client client, String prefix, int pollMillis) {
    this.client = client;
    this.prefix = prefix;
    this.pollMillis = pollMillis;
  }

  private static final class Case implements Delayed {
    final int index;
    final String returnNo;
    final boolean reviewed;
    final String agent;
    final long openedAt = System.nanoTime();
    Step step = Step.OPEN;
    long readyAt = System.nanoTime();
    int failures;

    Case(int index, String returnNo) {
      this.index = index;
      this.returnNo = returnNo;
      this.reviewed = index % 2 == 1;
      this.agent = Requests.agent(index / 2);
    }

    void later(Step next, long millis) {
      step = next;
      readyAt = System.nanoTime() + millis * 1_000_000L;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(readyAt - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(readyAt, ((Case) o).readyAt);
    }
  }

  Result run(int cases, int clients, int inFlight, double maxSeconds) throws InterruptedException {
    DelayQueue<Case> queue = new DelayQueue<>();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    long[] latencies = new long[cases];
    long start = System.nanoTime();
    long deadline = start + (long) (maxSeconds * 1e9);
    for (int i = 0; i < Math.min(inFlight, cases); i++) {
      queue.add(new Case(started.getAndIncrement(), prefix + i));
    }
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        try {
          while (closed.get() + failed.get() < cases && System.nanoTime() < deadline) {
            Case k = queue.poll(100, TimeUnit.MILLISECONDS);
            if (k == null) {
              continue;
            }
            boolean finished;
            try {
              finished = step(k, requests);
              k.failures = 0;
            } catch (Exception e) {
              firstError.compareAndSet(null, k.returnNo + " at " + k.step + ": " + e.getMessage());
              finished = ++k.failures > 5;
              if (finished) {
                failed.incrementAndGet();
              } else {
                k.later(k.step, pollMillis * 5L);
              }
              if (finished) {
                addNext(queue, started, cases);
              } else {
                queue.add(k);
              }
              continue;
            }
            if (finished) {
              latencies[k.index] = System.nanoTime() - k.openedAt;
              closed.incrementAndGet();
              addNext(queue, started, cases);
            } else {
              queue.add(k);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "bench-lifecycle-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.stream(latencies).filter(v -> v > 0).sorted().toArray();
    return new Result(cases, closed.get(), failed.get(), seconds, Load.pct(sorted, 0.5), Load.pct(sorted, 0.99),
        requests.get(), firstError.get());
  }

  private void addNext(DelayQueue<Case> queue, AtomicInteger started, int cases) {
    int i = started.getAndIncrement();
    if (i < cases) {
      queue.add(new Case(i, prefix + i));
    }
  }

  /** One step of the case; true when the case is closed. */
  private boolean step(Case k, AtomicInteger requests) throws Exception {
    String path = "/api/returns/" + k.returnNo;
    switch (k.step) {
      case OPEN -> {
        Requests.Case c = k.reviewed ? Requests.returnForReview(k.returnNo, k.agent)
            : Requests.smallRefund(k.returnNo, k.agent);
        // the shop's system registers the order first (issue 20), then opens the case on it
        requests.addAndGet(2);
        Client.expect(client.put("/api/orders/" + c.request().orderNo(), "shop1", BenchSeeds.json((Object) c.order())),
            201);
        Client.expect(client.post("/api/returns", "shop1", BenchSeeds.json(c.request())), 201);
        if (k.reviewed) {
          k.later(Step.REVIEW, 0);
        } else {
          k.later(Step.WAIT_REFUNDED, pollMillis);
        }
      }
      case REVIEW -> {
        claimAndComplete(k.returnNo, Elements.TASK_REVIEW, k.agent, REVIEW_DONE, requests);
        k.later(Step.PARCEL, 0);
      }
      case PARCEL -> {
        requests.incrementAndGet();
        Client.expect(client.post(path + "/parcel", "shop1",
            "{\"courier\":\"SF\",\"waybillNo\":\"SF" + k.returnNo.replaceAll("[^0-9]", "") + "\"}"), 200);
        k.later(Step.INSPECT, 0);
      }
      case INSPECT -> {
        claimAndComplete(k.returnNo, Elements.TASK_INSPECT, "warehouse1", INSPECTION_PASSED, requests);
        k.later(Step.WAIT_REFUNDED, pollMillis);
      }
      case WAIT_REFUNDED -> {
        requests.incrementAndGet();
        String status = JSON.readTree(Client.expect(client.get(path, "shop1"), 200)).path("status").asText();
        if ("CLOSED".equals(status)) {
          return true;
        }
        k.later(Step.WAIT_REFUNDED, pollMillis);
      }
      default -> throw new IllegalStateException(k.step.name());
    }
    return false;
  }

  /** As staff do it through the engine's REST API: find the case's task, claim it, complete it. */
  String claimAndComplete(String returnNo, String taskKey, String user, String variables, AtomicInteger requests) {
    requests.addAndGet(3);
    String found = Client.expect(client.get("/engine-rest/task?processInstanceBusinessKey=" + returnNo
        + "&taskDefinitionKey=" + taskKey + "&maxResults=10", user), 200);
    JsonNode tasks;
    try {
      tasks = JSON.readTree(found);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (tasks.size() != 1) {
      throw new IllegalStateException(returnNo + ": " + tasks.size() + " open " + taskKey + " tasks for " + user);
    }
    String id = tasks.get(0).path("id").asText();
    Client.expect(client.post("/engine-rest/task/" + id + "/claim", user, "{\"userId\":\"" + user + "\"}"), 204);
    Client.expect(client.post("/engine-rest/task/" + id + "/complete", user, variables), 204, 200);
    return id;
  }
}
