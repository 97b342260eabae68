package com.peakcare.faults;

import static com.peakcare.faults.Faults.await;
import static com.peakcare.faults.Faults.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.support.PostgresDatabase;
import com.peakcare.support.Shop;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 24: two PeakCare processes on one PostgreSQL database, a burst of escalations (the first-response target of
 * every open complaint falls due at once), and the first node seen running the ladder's timers killed ({@code kill -9})
 * mid-burst.
 * Afterwards every complaint is escalated exactly once: at level 1, its superior's task once, the timeline's
 * escalation entry once, the customer's "a senior colleague handles it" notice recorded once and delivered by the
 * gateway (a key it sees twice was in flight at the kill and is dropped as a repeat). None lost, none doubled.
 */
@Tag("own-jvm")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ComplaintEscalationNodeKillTest {

  static final int COMPLAINTS = 240;
  /** A dead node's jobs come back after 10 s instead of production's 2 min; still far above a job's run time. */
  static final int LOCK_TIME_MILLIS = 10_000;
  /** The gateway answers after 200 ms, so that the killed node has sends in flight. */
  static final int SMS_DELAY_MILLIS = 200;
  static final String TIMER = "Timer_TargetMissed";
  /**
   * Complaints opened on the survivor right after the kill: their promises' deliveries are new jobs it locks at once,
   * which tells its lock owner from the dead node's (a survivor that had just finished its share of the burst locked
   * nothing new).
   */
  static final int NUDGES = 4;

  @BeforeAll
  static void quietTestLog() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @Test
  void aNodeKilledDuringAnEscalationBurstLosesNoEscalationAndDoublesNone() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create(); SmsGateway sms = new SmsGateway(SMS_DELAY_MILLIS)) {
      JdbcTemplate jdbc = Faults.jdbc(db);
      List<String> args = Faults.killTestNodeArgs(sms, LOCK_TIME_MILLIS);
      try (PeakCareProcess a = PeakCareProcess.start("node-a", db, args);
          PeakCareProcess b = PeakCareProcess.start("node-b", db, args)) {
        a.awaitUp(Duration.ofMinutes(3));
        b.awaitUp(Duration.ofMinutes(3));
        run(jdbc, sms, a, b);
      }
    }
  }

  private void run(JdbcTemplate jdbc, SmsGateway sms, PeakCareProcess a, PeakCareProcess b) throws Exception {
    // the complaints, opened by the shop's system over both nodes, each handled by agent1 or agent2 (superior cslead)
    String run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999), 36);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<String>> opening = new ArrayList<>();
    for (int i = 0; i < COMPLAINTS; i++) {
      PeakCareProcess node = i % 2 == 0 ? a : b;
      String no = "CK-" + run + "-" + i;
      String agent = i % 2 == 0 ? "agent1" : "agent2";
      opening.add(clients.submit(() -> open(node, no, agent)));
    }
    clients.shutdown();
    List<String> complaintNos = new ArrayList<>();
    for (Future<String> f : opening) {
      complaintNos.add(f.get(120, TimeUnit.SECONDS));
    }
    await(Duration.ofSeconds(60), "every promise delivered",
        () -> count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS <> 'SENT'") == 0
            && count(jdbc, "select count(*) from PC_NOTICE where NOTICE_TYPE = 'COMPLAINT_PROMISE'") == COMPLAINTS);

    // the burst: every complaint's first-response target falls due now (the record's and its timer's)
    jdbc.update("update PC_COMPLAINT set TARGET_DUE = now()");
    int due = jdbc.update("update ACT_RU_JOB set DUEDATE_ = now() where HANDLER_CFG_ like '" + TIMER + "%'");
    assertThat(due).as("one target timer per complaint").isEqualTo(COMPLAINTS);
    Instant burstAt = Instant.now();

    // kill a node while it runs the burst: the first that has run some target timers (whichever node's job executor
    // polled first may take the whole burst), well before the burst's end
    String[] escalating = new String[1];
    await(Duration.ofSeconds(60), "a node escalating mid-burst", () -> {
      Map<String, Integer> timers = new TreeMap<>();
      jdbc.query("select HOSTNAME_, count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and ACT_ID_ = ? group by"
          + " HOSTNAME_", rs -> {
            timers.put(rs.getString(1), rs.getInt(2));
          }, TIMER);
      timers.entrySet().stream().filter(e -> e.getValue() >= 3).findFirst().ifPresent(e -> escalating[0] = e.getKey());
      return escalating[0] != null;
    });
    PeakCareProcess victim = escalating[0].equals(a.name()) ? a : b;
    PeakCareProcess survivor = victim == a ? b : a;
    Instant killAt = Instant.now();
    victim.kill();
    Instant killedAt = Instant.now(); // the process is gone: a send in flight may reach the stub until then
    Map<String, String> lockedAtKill = locks(jdbc);
    int escalatedAtKill = count(jdbc, "select count(*) from PC_COMPLAINT where ESCALATION_LEVEL = 1");
    for (int i = 0; i < NUDGES; i++) {
      open(survivor, "CX-" + run + "-" + i, "agent1");
    }

    Set<String> aliveOwners = new HashSet<>();
    Instant watchUntil = Instant.now().plusSeconds(5);
    while (Instant.now().isBefore(watchUntil)) {
      aliveOwners.addAll(jdbc.queryForList("select distinct LOCK_OWNER_ from ACT_RU_JOB where LOCK_EXP_TIME_ > ?",
          String.class, Timestamp.from(killAt.plusMillis(LOCK_TIME_MILLIS + 200))));
      Thread.sleep(100);
    }
    Set<String> deadOwners = new HashSet<>(lockedAtKill.values());
    deadOwners.removeAll(aliveOwners);
    assertThat(deadOwners).as(victim.name() + "'s lock owner (locks at the kill " + lockedAtKill + ", owners locking since "
        + aliveOwners + ")").hasSize(1);
    String deadOwner = deadOwners.iterator().next();
    Set<String> stranded = lockedAtKill.entrySet().stream().filter(e -> e.getValue().equals(deadOwner))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(stranded).as("jobs " + victim.name() + " held when it was killed").isNotEmpty();
    assertThat(escalatedAtKill).as(victim.name() + " killed in the middle of the burst").isLessThan(COMPLAINTS);

    await(Duration.ofSeconds(90), "every complaint at level 1, every SMS sent, the dead node's jobs run",
        () -> count(jdbc, "select count(*) from PC_COMPLAINT where ESCALATION_LEVEL = 1") == COMPLAINTS
            && count(jdbc, "select count(*) from PC_NOTICE where NOTICE_TYPE = 'COMPLAINT_ESCALATED'") >= COMPLAINTS
            && count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS <> 'SENT'") == 0
            && count(jdbc, "select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", deadOwner) == 0);
    Instant allDone = Instant.now();

    // once per complaint: the level, the superior's task, the timeline's entry, the customer's notice
    assertThat(count(jdbc, "select count(*) from PC_COMPLAINT where ESCALATION_LEVEL = 1 and ESCALATED_TO = 'cslead'"
        + " and HANDLER in ('agent1', 'agent2')")).as("level 1, the superior from the staff directory, the handler"
        + " kept").isEqualTo(COMPLAINTS);
    Map<String, Integer> tasks = perComplaint(jdbc, "select e.BUSINESS_KEY_, count(*) from ACT_RU_TASK t join"
        + " ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_ where t.TASK_DEF_KEY_ = 'Task_SuperiorReviews' and"
        + " t.ASSIGNEE_ = 'cslead' group by e.BUSINESS_KEY_");
    assertThat(tasks).as("the superior's task, once per complaint").containsOnlyKeys(complaintNos)
        .allSatisfy((no, n) -> assertThat(n).as(no).isEqualTo(1));
    Map<String, Integer> entries = perComplaint(jdbc, "select COMPLAINT_NO, count(*) from PC_COMPLAINT_EVENT where"
        + " EVENT = 'ESCALATED' and LEVEL_NO = 1 group by COMPLAINT_NO");
    assertThat(entries).as("the timeline's escalation entry, once per complaint").containsOnlyKeys(complaintNos)
        .allSatisfy((no, n) -> assertThat(n).as(no).isEqualTo(1));
    Map<String, Integer> notices = perComplaint(jdbc, "select CASE_REF, count(*) from PC_NOTICE where NOTICE_TYPE ="
        + " 'COMPLAINT_ESCALATED' group by CASE_REF");
    assertThat(notices).as("the customer's notice, recorded once per complaint").containsOnlyKeys(complaintNos)
        .allSatisfy((no, n) -> assertThat(n).as(no).isEqualTo(1));
    assertThat(count(jdbc, "select count(*) from PC_NOTICE where NOTICE_TYPE = 'COMPLAINT_ESCALATED' and BODY like"
        + " '%黄梅%'")).as("naming the superior").isEqualTo(COMPLAINTS);
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();
    assertThat(count(jdbc, "select count(*) from ACT_RU_JOB where HANDLER_CFG_ like '" + TIMER + "%' and DUEDATE_ <="
        + " now()")).as("no due target timer left to fire").isZero();

    // delivered once: every SMS key recorded reached the gateway; a key it saw twice was in flight at the kill
    List<String> expected = jdbc.queryForList("select NOTICE_KEY from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'",
        String.class);
    assertThat(expected).as("a promise and an escalation notice per complaint, the nudges' promises")
        .hasSize(2 * COMPLAINTS + NUDGES);
    assertThat(sms.deliveredKeys()).containsExactlyInAnyOrderElementsOf(expected);
    Map<String, Long> repeated = sms.repeatedKeys();
    assertThat(repeated.values()).as("no key sent more than twice").allSatisfy(n -> assertThat(n).isEqualTo(2));
    for (String key : repeated.keySet()) {
      assertThat(sms.first(key).received()).as(key + ": repeated, so in flight when " + victim.name() + " was killed")
          .isBetween(killAt.minusSeconds(4), killedAt);
    }

    // the survivor ran the timers and deliveries the dead node held, once their lock expired
    String in = stranded.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    Map<String, Integer> ranBy = new TreeMap<>();
    jdbc.query("select HOSTNAME_, count(distinct JOB_ID_) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and JOB_ID_ in ("
        + in + ") group by HOSTNAME_", rs -> {
          ranBy.put(rs.getString(1), rs.getInt(2));
        });
    assertThat(ranBy).as("the dead node's stranded jobs were run by the survivor").containsOnlyKeys(survivor.name());
    assertThat(ranBy.get(survivor.name())).as("every stranded job ran").isEqualTo(stranded.size());

    // as the survivor tells it over HTTP
    for (String no : complaintNos.subList(0, 20)) {
      HttpResponse<String> view = survivor.http().get("/api/complaints/" + no, "shop1");
      assertThat(view.statusCode()).as(no).isEqualTo(200);
      assertThat(view.body()).as(no).contains("\"escalationLevel\":1").contains("COMPLAINT_ESCALATED");
    }

    Map<String, Integer> timersPerNode = new TreeMap<>();
    jdbc.query("select HOSTNAME_, count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and ACT_ID_ = ? group by"
        + " HOSTNAME_", rs -> {
          timersPerNode.put(rs.getString(1), rs.getInt(2));
        }, TIMER);
    long strandedTimers = jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and ACT_ID_"
        + " = ? and JOB_ID_ in (" + in + ")", Long.class, TIMER);
    System.out.printf("""
        ComplaintEscalationNodeKillTest figures:
          %d complaints' targets due at once; %s killed (SIGKILL) %.1f s into the burst, after %d escalations;
            it held %d locked jobs (%d of them target timers)
          every complaint escalated once %.1f s after the kill (lock time %d s); target timers run per node %s;
          SMS: %d keys delivered once each, %d repeated with the same key (in flight at the kill)
        """, COMPLAINTS, victim.name(), Duration.between(burstAt, killAt).toMillis() / 1000.0, escalatedAtKill,
        stranded.size(),
        strandedTimers, Duration.between(killAt, allDone).toMillis() / 1000.0, LOCK_TIME_MILLIS / 1000,
        timersPerNode, sms.deliveredKeys().size(), repeated.size());
  }

  /** Registers the complaint's order and opens it on the node, as the shop's system; returns its number. */
  private static String open(PeakCareProcess node, String no, String agent) {
    Shop.registerOrder(node.http(), no, "199.00", "APPAREL", "REGULAR");
    String body = "{\"complaintNo\":\"" + no + "\",\"orderNo\":\"" + Shop.orderNoOf(no) + "\",\"channel\":\"IM\","
        + "\"category\":\"LOGISTICS\",\"severity\":\"MEDIUM\",\"demand\":\"五天了还没发货\",\"agent\":\"" + agent + "\"}";
    HttpResponse<String> res = node.http().post("/api/complaints", "shop1", body);
    assertThat(res.statusCode()).as(no + " on " + node.name() + ": " + res.body()).isEqualTo(201);
    return no;
  }

  private static Map<String, Integer> perComplaint(JdbcTemplate jdbc, String sql) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query(sql, rs -> {
      counts.put(rs.getString(1), rs.getInt(2));
    });
    return counts;
  }

  private static Map<String, String> locks(JdbcTemplate jdbc) {
    Map<String, String> locks = new HashMap<>();
    jdbc.query("select ID_, LOCK_OWNER_ from ACT_RU_JOB where LOCK_OWNER_ is not null", rs -> {
      locks.put(rs.getString(1), rs.getString(2));
    });
    return locks;
  }
}
