package com.peakcare.faults;

import static com.peakcare.faults.Faults.aReturnNo;
import static com.peakcare.faults.Faults.aSmallRefund;
import static com.peakcare.faults.Faults.await;
import static com.peakcare.faults.Faults.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.support.PostgresDatabase;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: two PeakCare processes on one PostgreSQL database under load, and one of them is killed ({@code kill -9})
 * while it runs jobs. Nothing is lost: every case reaches its end state (refunded and closed), read on
 * the survivor over HTTP. Nothing is paid twice: one refund per case. Nothing is sent twice: every SMS reaches the
 * gateway, which delivers each Idempotency-Key once, and the only requests it sees twice are the sends the killed
 * node had in flight (accepted by the gateway, never recorded as sent), repeated with the same key. Prints how long
 * after the kill the survivor ran the dead node's jobs.
 */
@Tag("own-jvm")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeKillTest {

  static final int CASES = 300;
  /** A dead node's jobs come back after 10 s instead of production's 2 min; still far above a job's run time. */
  static final int LOCK_TIME_MILLIS = 10_000;
  /** The gateway answers after 300 ms, so that the killed node has sends in flight. */
  static final int SMS_DELAY_MILLIS = 300;

  @BeforeAll
  static void quietTestLog() {
    Faults.quietTestLog();
  }

  @Test
  void aNodeKilledUnderLoadLosesNothingAndNothingIsSentOrPaidTwice() throws Exception {
    Instant testStart = Instant.now();
    try (PostgresDatabase db = PostgresDatabase.create(); SmsGateway sms = new SmsGateway(SMS_DELAY_MILLIS)) {
      JdbcTemplate jdbc = Faults.jdbc(db);
      List<String> args = Faults.killTestNodeArgs(sms, LOCK_TIME_MILLIS);
      try (PeakCareProcess a = PeakCareProcess.start("node-a", db, args);
          PeakCareProcess b = PeakCareProcess.start("node-b", db, args)) {
        a.awaitUp(Duration.ofMinutes(3));
        b.awaitUp(Duration.ofMinutes(3));
        Duration startTook = Duration.between(testStart, Instant.now());
        run(db, jdbc, sms, a, b, startTook);
      }
    }
  }

  private void run(PostgresDatabase db, JdbcTemplate jdbc, SmsGateway sms, PeakCareProcess a, PeakCareProcess b,
      Duration startTook) throws Exception {
    // the cases arrive all the time from 4 clients, spread over both nodes as a load balancer does; a request the
    // dead node cannot take goes to the other node, as the balancer would retry it
    Instant loadStart = Instant.now();
    AtomicInteger retriedOnSurvivor = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<String>> opening = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      PeakCareProcess first = i % 2 == 0 ? a : b;
      PeakCareProcess other = first == a ? b : a;
      opening.add(clients.submit(() -> open(first, other, retriedOnSurvivor)));
    }
    clients.shutdown();

    // kill node-a mid-run: enough cases opened, node-a has run jobs, and both nodes hold locked jobs right now
    await(Duration.ofSeconds(120), "40% of the cases opened, node-a running jobs, both nodes holding jobs",
        () -> count(jdbc, "select count(*) from PC_RETURN_CASE") >= CASES * 2 / 5
            && count(jdbc, "select count(*) from ACT_HI_JOB_LOG where HOSTNAME_ = 'node-a' and JOB_STATE_ = 2") > 0
            && count(jdbc, "select count(distinct LOCK_OWNER_) from ACT_RU_JOB where LOCK_OWNER_ is not null") >= 2);
    Instant killAt = Instant.now();
    a.kill();
    Instant killedAt = Instant.now(); // the process is gone: a send in flight may reach the stub until then
    Map<String, String> lockedAtKill = locks(jdbc);
    int casesAtKill = count(jdbc, "select count(*) from PC_RETURN_CASE");

    // node-a's jobs: those still locked by an owner that locks nothing new after the kill (node-b's new locks expire
    // a full lock time after the kill)
    Set<String> aliveOwners = new HashSet<>();
    Instant watchUntil = Instant.now().plusSeconds(3);
    while (Instant.now().isBefore(watchUntil)) {
      aliveOwners.addAll(jdbc.queryForList("select distinct LOCK_OWNER_ from ACT_RU_JOB where LOCK_EXP_TIME_ > ?",
          String.class, Timestamp.from(killAt.plusMillis(LOCK_TIME_MILLIS + 200))));
      Thread.sleep(100);
    }
    Set<String> deadOwners = new HashSet<>(lockedAtKill.values());
    deadOwners.removeAll(aliveOwners);
    assertThat(aliveOwners).as("node-b acquires jobs after the kill").hasSize(1);
    assertThat(deadOwners).as("node-a's lock owner").hasSize(1);
    String deadOwner = deadOwners.iterator().next();
    Set<String> stranded = lockedAtKill.entrySet().stream().filter(e -> e.getValue().equals(deadOwner))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(stranded).as("jobs node-a held when it was killed").isNotEmpty();

    List<String> returnNos = new ArrayList<>();
    for (Future<String> f : opening) {
      returnNos.add(f.get(120, TimeUnit.SECONDS));
    }
    assertThat(returnNos).hasSize(CASES).doesNotHaveDuplicates();
    assertThat(casesAtKill).as("node-a killed in the middle").isLessThan(CASES);

    await(Duration.ofSeconds(150), "every case refunded, every SMS sent, node-a's jobs run",
        () -> count(jdbc, "select count(*) from PC_RETURN_CASE where STATUS = 'CLOSED' and REFUNDED_AT is not null") == CASES
            && count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS <> 'SENT'") == 0
            && count(jdbc, "select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", deadOwner) == 0
            && ranAll(jdbc, stranded));
    Instant allDone = Instant.now();

    // every case at its end state, as the survivor tells it over HTTP
    for (String returnNo : returnNos) {
      HttpResponse<String> view = b.http().get("/api/returns/" + returnNo, "shop1");
      assertThat(view.statusCode()).as(returnNo).isEqualTo(200);
      assertThat(view.body()).as(returnNo).contains("\"status\":\"CLOSED\"").contains("\"REFUNDED\"");
    }
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();

    // paid once: one refund per case, of the case's amount
    assertThat(jdbc.queryForList("select RETURN_NO from PC_REFUND", String.class))
        .containsExactlyInAnyOrderElementsOf(returnNos);
    assertThat(count(jdbc, "select count(*) from PC_REFUND where AMOUNT <> 80.00")).isZero();

    // sent once: every SMS of the outbox delivered by the gateway; a key it saw twice was in flight at the kill
    List<String> expected = jdbc.queryForList("select NOTICE_KEY from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'",
        String.class);
    assertThat(expected).as("REFUND_CARE and REFUND_DONE per case").hasSize(2 * CASES);
    assertThat(sms.deliveredKeys()).containsExactlyInAnyOrderElementsOf(expected);
    Map<String, Long> repeated = sms.repeatedKeys();
    assertThat(repeated.values()).as("no key sent more than twice").allSatisfy(n -> assertThat(n).isEqualTo(2));
    for (String key : repeated.keySet()) {
      SmsGateway.Request first = sms.first(key);
      assertThat(first.received()).as(key + ": repeated, so in flight when node-a was killed")
          .isBetween(killAt.minusSeconds(3), killedAt);
    }

    // the survivor ran every job the dead node held, once their lock had expired
    String in = stranded.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    Map<String, Integer> ranBy = new TreeMap<>();
    jdbc.query("select HOSTNAME_, count(distinct JOB_ID_) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and JOB_ID_ in ("
        + in + ") group by HOSTNAME_", rs -> {
          ranBy.put(rs.getString(1), rs.getInt(2));
        });
    assertThat(ranBy).as("node-a's stranded jobs were run by node-b").containsOnlyKeys("node-b");
    Timestamp firstTaken = jdbc.queryForObject("select min(TIMESTAMP_) from ACT_HI_JOB_LOG where JOB_STATE_ = 2"
        + " and JOB_ID_ in (" + in + ")", Timestamp.class);
    Timestamp lastTaken = jdbc.queryForObject("select max(TIMESTAMP_) from ACT_HI_JOB_LOG where JOB_STATE_ = 2"
        + " and JOB_ID_ in (" + in + ")", Timestamp.class);
    Duration takeOverFirst = Duration.between(killAt, firstTaken.toInstant());
    Duration takeOverLast = Duration.between(killAt, lastTaken.toInstant());
    assertThat(takeOverFirst).as("not before node-a's locks expired").isGreaterThan(Duration.ofMillis(
        LOCK_TIME_MILLIS / 2));

    Map<String, Integer> jobsPerNode = new TreeMap<>();
    jdbc.query("select HOSTNAME_, count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 group by HOSTNAME_", rs -> {
      jobsPerNode.put(rs.getString(1), rs.getInt(2));
    });
    int failedAttempts = count(jdbc, "select count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 1");
    System.out.printf("""
        NodeKillTest figures:
          both nodes up (two JVMs started together on an empty database) in %d s
          node-a killed (SIGKILL) %.1f s into the load, after %d of %d cases; it held %d locked jobs
          take-over: node-b ran node-a's jobs %.1f s (first) to %.1f s (last) after the kill (lock time %d s)
          all %d cases refunded %.1f s after the kill; %d requests re-sent to node-b because node-a was gone
          refunds %d (one per case); SMS %d keys delivered once each; %d keys repeated with the same key
            (in flight at the kill, dropped by the gateway as duplicates); failed job attempts %d; jobs per node %s
        """,
        startTook.toSeconds(), Duration.between(loadStart, killAt).toMillis() / 1000.0, casesAtKill, CASES,
        stranded.size(), takeOverFirst.toMillis() / 1000.0, takeOverLast.toMillis() / 1000.0,
        LOCK_TIME_MILLIS / 1000, CASES, Duration.between(killAt, allDone).toMillis() / 1000.0,
        retriedOnSurvivor.get(), count(jdbc, "select count(*) from PC_REFUND"), sms.deliveredKeys().size(),
        repeated.size(), failedAttempts, jobsPerNode);
  }

  /** Opens a small refund through the node, else through the other one; returns the return number. */
  private static String open(PeakCareProcess node, PeakCareProcess other, AtomicInteger retried) {
    String returnNo = aReturnNo();
    String body = aSmallRefund(returnNo);
    HttpResponse<String> res = null;
    if (node.alive()) {
      try {
        HttpResponse<String> order = com.peakcare.support.Shop.putSmallRefundsOrder(node.http(), returnNo);
        res = order.statusCode() >= 500 ? order : node.http().post("/api/returns", "shop1", body);
      } catch (IllegalStateException refused) {
        res = null; // killed while we asked
      }
    }
    if (res == null || res.statusCode() >= 500) {
      retried.incrementAndGet();
      assertThat(com.peakcare.support.Shop.putSmallRefundsOrder(other.http(), returnNo).statusCode()).isIn(200, 201);
      res = other.http().post("/api/returns", "shop1", body);
      // 200: the dead node had opened it before it died, and this is the identical retry
      assertThat(res.statusCode()).as(returnNo + " retried on " + other.name() + ": " + res.body()).isIn(200, 201);
    } else {
      assertThat(res.statusCode()).as(returnNo + " on " + node.name() + ": " + res.body()).isEqualTo(201);
    }
    return returnNo;
  }

  private static Map<String, String> locks(JdbcTemplate jdbc) {
    Map<String, String> locks = new HashMap<>();
    jdbc.query("select ID_, LOCK_OWNER_ from ACT_RU_JOB where LOCK_OWNER_ is not null", rs -> {
      locks.put(rs.getString(1), rs.getString(2));
    });
    return locks;
  }

  /** Whether every one of the jobs has run to success (they are gone from the job table and logged as done). */
  private static boolean ranAll(JdbcTemplate jdbc, Set<String> jobs) {
    String in = jobs.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    return count(jdbc, "select count(distinct JOB_ID_) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and JOB_ID_ in ("
        + in + ")") == jobs.size();
  }
}
