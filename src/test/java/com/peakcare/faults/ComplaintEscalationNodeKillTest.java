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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 24: two PeakCare processes on one PostgreSQL database, a burst of escalations, and the first node seen
 * running the ladder's timers killed ({@code kill -9}) mid-burst; twice, once per level of the ladder. First every open
 * complaint's first-response target falls due at once (level 1, the agent's superior), then, with the killed node
 * back as a new process, every complaint's second-level timer (level 2, the superior's superior).
 * After each burst every complaint is escalated exactly once to that level: the level's task once, the timeline's
 * escalation entry once, the customer's "a senior colleague handles it" notice recorded once (naming the level's
 * holder) and delivered by the gateway (a key it sees twice was in flight at the kill and is dropped as a repeat).
 * None lost, none doubled, and level 2 doubles nothing of level 1.
 */
@Tag("own-jvm")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ComplaintEscalationNodeKillTest {

  static final int COMPLAINTS = 240;
  /** A dead node's jobs come back after 10 s instead of production's 2 min; still far above a job's run time. */
  static final int LOCK_TIME_MILLIS = 10_000;
  /** The gateway answers after 200 ms, so that the killed node has sends in flight. */
  static final int SMS_DELAY_MILLIS = 200;
  /**
   * Complaints opened on the survivor right after each kill: their promises' deliveries are new jobs it locks at once,
   * which tells its lock owner from the dead node's (a survivor that had just finished its share of the burst locked
   * nothing new).
   */
  static final int NUDGES = 4;

  /** A level of the ladder: its timer, its holder's task and the holder (agent1's and agent2's superior, then theirs). */
  enum Level {
    ONE(1, "Timer_TargetMissed", "Task_SuperiorReviews", "cslead", "黄梅"),
    TWO(2, "Timer_SuperiorsSuperior", "Task_SecondLevelReviews", "demo", "系统管理员");

    final int no;
    final String timer;
    final String task;
    final String holder;
    final String holderName;

    Level(int no, String timer, String task, String holder, String holderName) {
      this.no = no;
      this.timer = timer;
      this.task = task;
      this.holder = holder;
      this.holderName = holderName;
    }
  }

  @BeforeAll
  static void quietTestLog() {
    Faults.quietTestLog();
  }

  @Test
  void aNodeKilledDuringAnEscalationBurstLosesNoEscalationAndDoublesNoneAtEitherLevel() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create(); SmsGateway sms = new SmsGateway(SMS_DELAY_MILLIS)) {
      JdbcTemplate jdbc = Faults.jdbc(db);
      List<String> args = Faults.killTestNodeArgs(sms, LOCK_TIME_MILLIS);
      try (PeakCareProcess a = PeakCareProcess.start("node-a", db, args);
          PeakCareProcess b = PeakCareProcess.start("node-b", db, args)) {
        a.awaitUp(Duration.ofMinutes(3));
        b.awaitUp(Duration.ofMinutes(3));
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999), 36);
        List<String> complaintNos = openComplaints(jdbc, run, a, b);
        Set<String> repeatedBefore = new HashSet<>();
        PeakCareProcess survivor = burst(jdbc, sms, run, complaintNos, Level.ONE, a, b, repeatedBefore);
        // the killed node comes back as a new process (its own lock owner) for the second level's burst
        try (PeakCareProcess c = PeakCareProcess.start("node-c", db, args)) {
          c.awaitUp(Duration.ofMinutes(3));
          burst(jdbc, sms, run, complaintNos, Level.TWO, survivor, c, repeatedBefore);
        }
      }
    }
  }

  /** The complaints, opened by the shop's system over both nodes, each handled by agent1 or agent2 (superior cslead). */
  private List<String> openComplaints(JdbcTemplate jdbc, String run, PeakCareProcess a, PeakCareProcess b)
      throws Exception {
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
    return complaintNos;
  }

  /**
   * One burst: every complaint's timer of {@code level} falls due at once, the first of the two nodes seen running some
   * of them is killed, the other runs the rest and what the dead node held; then every complaint is at the level once.
   * Returns the survivor.
   */
  private PeakCareProcess burst(JdbcTemplate jdbc, SmsGateway sms, String run, List<String> complaintNos, Level level,
      PeakCareProcess a, PeakCareProcess b, Set<String> repeatedBefore) throws Exception {
    String ours = "PROCESS_INSTANCE_ID_ in (select ID_ from ACT_RU_EXECUTION where ID_ = PROC_INST_ID_ and"
        + " BUSINESS_KEY_ like 'CK-" + run + "-%')";
    if (level == Level.ONE) {
      jdbc.update("update PC_COMPLAINT set TARGET_DUE = now() where COMPLAINT_NO like 'CK-" + run + "-%'");
    }
    int due = jdbc.update("update ACT_RU_JOB set DUEDATE_ = now() where HANDLER_CFG_ like '" + level.timer + "%' and "
        + ours);
    assertThat(due).as("one " + level.timer + " per complaint").isEqualTo(COMPLAINTS);
    Instant burstAt = Instant.now();

    // kill a node while it runs the burst: the first that has run some of the level's timers (whichever node's job
    // executor polled first may take the whole burst), well before the burst's end
    String[] escalating = new String[1];
    Set<String> nodes = Set.of(a.name(), b.name());
    await(Duration.ofSeconds(60), "a node escalating mid-burst to level " + level.no, () -> {
      timersRunPerNode(jdbc, level).entrySet().stream().filter(e -> nodes.contains(e.getKey()) && e.getValue() >= 3)
          .findFirst().ifPresent(e -> escalating[0] = e.getKey());
      return escalating[0] != null;
    });
    PeakCareProcess victim = escalating[0].equals(a.name()) ? a : b;
    PeakCareProcess survivor = victim == a ? b : a;
    Instant killAt = Instant.now();
    victim.kill();
    Instant killedAt = Instant.now(); // the process is gone: a send in flight may reach the stub until then
    Map<String, String> lockedAtKill = new HashMap<>();
    Map<String, Timestamp> expiryAtKill = new HashMap<>();
    jdbc.query("select ID_, LOCK_OWNER_, LOCK_EXP_TIME_ from ACT_RU_JOB where LOCK_OWNER_ is not null", rs -> {
      lockedAtKill.put(rs.getString(1), rs.getString(2));
      expiryAtKill.put(rs.getString(1), rs.getTimestamp(3));
    });
    int escalatedAtKill = atLevel(jdbc, run, level);
    for (int i = 0; i < NUDGES; i++) {
      open(survivor, "CX-" + run + "-" + level.no + "-" + i, "agent1");
    }

    // the survivor's lock owner is alive after the kill: it locks again, or it runs a job it held at the kill before
    // that lock expired (only its holder can); watched until one owner of the kill's locks is left, at most until
    // just before the dead node's locks expire (at the end of a burst nothing is left to lock: every due timer was
    // held at the kill)
    Set<String> aliveOwners = new HashSet<>();
    Set<String> deadOwners = new HashSet<>(lockedAtKill.values());
    Instant watchUntil = killAt.plusMillis(LOCK_TIME_MILLIS - 1_000);
    Instant watchAtLeast = Instant.now().plusSeconds(2);
    while (Instant.now().isBefore(watchUntil) && (deadOwners.size() > 1 || Instant.now().isBefore(watchAtLeast))) {
      aliveOwners.addAll(jdbc.queryForList("select distinct LOCK_OWNER_ from ACT_RU_JOB where LOCK_EXP_TIME_ > ?",
          String.class, Timestamp.from(killAt.plusMillis(LOCK_TIME_MILLIS + 200))));
      for (Map.Entry<String, String> held : lockedAtKill.entrySet()) {
        if (!aliveOwners.contains(held.getValue()) && count(jdbc, "select count(*) from ACT_HI_JOB_LOG where"
            + " JOB_STATE_ = 2 and JOB_ID_ = ? and HOSTNAME_ = ? and TIMESTAMP_ < ?", held.getKey(), survivor.name(),
            expiryAtKill.get(held.getKey())) > 0) {
          aliveOwners.add(held.getValue());
        }
      }
      deadOwners.removeAll(aliveOwners);
      Thread.sleep(100);
    }
    assertThat(deadOwners).as(victim.name() + "'s lock owner (locks at the kill " + lockedAtKill + ", owners locking since "
        + aliveOwners + ")").hasSize(1);
    String deadOwner = deadOwners.iterator().next();
    Set<String> stranded = lockedAtKill.entrySet().stream().filter(e -> e.getValue().equals(deadOwner))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(stranded).as("jobs " + victim.name() + " held when it was killed").isNotEmpty();
    assertThat(escalatedAtKill).as(victim.name() + " killed in the middle of the burst").isLessThan(COMPLAINTS);

    await(Duration.ofSeconds(90), "every complaint at level " + level.no + ", every SMS sent, the dead node's jobs run",
        () -> atLevel(jdbc, run, level) == COMPLAINTS
            && count(jdbc, "select count(*) from PC_NOTICE where NOTICE_TYPE = 'COMPLAINT_ESCALATED'")
                >= level.no * COMPLAINTS
            && count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS <> 'SENT'") == 0
            && count(jdbc, "select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", deadOwner) == 0);
    Instant allDone = Instant.now();

    // once per complaint: the level, each level's task, the timeline's entries, the customer's notices
    assertThat(count(jdbc, "select count(*) from PC_COMPLAINT where COMPLAINT_NO like 'CK-" + run + "-%' and"
        + " ESCALATION_LEVEL = ? and ESCALATED_TO = ? and HANDLER in ('agent1', 'agent2')", level.no, level.holder))
        .as("level " + level.no + ", its holder from the staff directory, the handler kept").isEqualTo(COMPLAINTS);
    for (Level reached : Level.values()) {
      if (reached.no > level.no) {
        continue;
      }
      Map<String, Integer> tasks = perComplaint(jdbc, "select e.BUSINESS_KEY_, count(*) from ACT_RU_TASK t join"
          + " ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_ where t.TASK_DEF_KEY_ = ? and t.ASSIGNEE_ = ?"
          + " group by e.BUSINESS_KEY_", reached.task, reached.holder);
      assertThat(tasks).as(reached.task + ", once per complaint").containsOnlyKeys(complaintNos)
          .allSatisfy((no, n) -> assertThat(n).as(no).isEqualTo(1));
      Map<String, Integer> entries = perComplaint(jdbc, "select COMPLAINT_NO, count(*) from PC_COMPLAINT_EVENT where"
          + " EVENT = 'ESCALATED' and LEVEL_NO = ? group by COMPLAINT_NO", reached.no);
      assertThat(entries).as("the timeline's level-" + reached.no + " entry, once per complaint")
          .containsOnlyKeys(complaintNos).allSatisfy((no, n) -> assertThat(n).as(no).isEqualTo(1));
      assertThat(count(jdbc, "select count(*) from PC_NOTICE where NOTICE_TYPE = 'COMPLAINT_ESCALATED' and BODY like"
          + " ?", "%" + reached.holderName + "%")).as("level " + reached.no + "'s notices, naming its holder")
          .isEqualTo(COMPLAINTS);
    }
    Map<String, Integer> notices = perComplaint(jdbc, "select CASE_REF, count(*) from PC_NOTICE where NOTICE_TYPE ="
        + " 'COMPLAINT_ESCALATED' group by CASE_REF");
    assertThat(notices).as("the customer's notice, recorded once per complaint and level")
        .containsOnlyKeys(complaintNos).allSatisfy((no, n) -> assertThat(n).as(no).isEqualTo(level.no));
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();
    assertThat(count(jdbc, "select count(*) from ACT_RU_JOB where HANDLER_CFG_ like '" + level.timer + "%' and DUEDATE_"
        + " <= now()")).as("no due " + level.timer + " left to fire").isZero();

    // delivered once: every SMS key recorded reached the gateway; a key it saw twice was in flight at a kill
    List<String> expected = jdbc.queryForList("select NOTICE_KEY from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'",
        String.class);
    assertThat(expected).as("a promise and an escalation notice per level and complaint, the nudges' promises")
        .hasSize((1 + level.no) * COMPLAINTS + level.no * NUDGES);
    assertThat(sms.deliveredKeys()).containsExactlyInAnyOrderElementsOf(expected);
    Map<String, Long> repeated = sms.repeatedKeys();
    assertThat(repeated.values()).as("no key sent more than twice").allSatisfy(n -> assertThat(n).isEqualTo(2));
    for (String key : repeated.keySet()) {
      if (repeatedBefore.add(key)) {
        assertThat(sms.first(key).received()).as(key + ": repeated, so in flight when " + victim.name() + " was killed")
            .isBetween(killAt.minusSeconds(4), killedAt);
      }
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
      assertThat(view.body()).as(no).contains("\"escalationLevel\":" + level.no).contains("COMPLAINT_ESCALATED");
    }

    long strandedTimers = jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and ACT_ID_"
        + " = ? and JOB_ID_ in (" + in + ")", Long.class, level.timer);
    System.out.printf("""
        ComplaintEscalationNodeKillTest figures, level %d (%s):
          %d complaints' timers due at once; %s killed (SIGKILL) %.1f s into the burst, after %d escalations;
            it held %d locked jobs (%d of them the level's timers)
          every complaint escalated once %.1f s after the kill (lock time %d s); the level's timers run per node %s;
          SMS so far: %d keys delivered once each, %d repeated with the same key (in flight at a kill)
        """, level.no, level.timer, COMPLAINTS, victim.name(), Duration.between(burstAt, killAt).toMillis() / 1000.0,
        escalatedAtKill, stranded.size(), strandedTimers, Duration.between(killAt, allDone).toMillis() / 1000.0,
        LOCK_TIME_MILLIS / 1000, timersRunPerNode(jdbc, level), sms.deliveredKeys().size(), repeated.size());
    return survivor;
  }

  private static Map<String, Integer> timersRunPerNode(JdbcTemplate jdbc, Level level) {
    Map<String, Integer> timers = new TreeMap<>();
    jdbc.query("select HOSTNAME_, count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and ACT_ID_ = ? group by"
        + " HOSTNAME_", rs -> {
          timers.put(rs.getString(1), rs.getInt(2));
        }, level.timer);
    return timers;
  }

  private static int atLevel(JdbcTemplate jdbc, String run, Level level) {
    return count(jdbc, "select count(*) from PC_COMPLAINT where COMPLAINT_NO like 'CK-" + run + "-%' and"
        + " ESCALATION_LEVEL = ?", level.no);
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

  private static Map<String, Integer> perComplaint(JdbcTemplate jdbc, String sql, Object... args) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query(sql, rs -> {
      counts.put(rs.getString(1), rs.getInt(2));
    }, args);
    return counts;
  }
}
