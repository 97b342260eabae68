package com.peakcare.bench;

import com.peakcare.complaint.ComplaintProcess.Category;
import com.peakcare.complaint.ComplaintProcess.Channel;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.complaint.ComplaintRequest;
import com.peakcare.complaint.Complaints;
import com.peakcare.order.Orders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 24's scale figures on one node with PostgreSQL ({@code -Dbench.phases=complaints}):
 * <ol>
 *   <li><b>seed</b> {@code bench.complaints} (20,000) open complaints in-process through PeakCare's own door
 *       ({@code Complaints.open}, what {@code POST /api/complaints} calls: the record, its timeline, the process with
 *       its targets, the promise notice and the ladder's three timers), 3 threads, {@code bench.complaintSeedBatch}
 *       (50) per transaction, each on an order registered before, handled by agent1 or agent2;</li>
 *   <li><b>open at 8 clients</b>: {@code POST /api/complaints} as the integrator shop1, no agent named (the least
 *       loaded agent is picked among the open complaints), {@code bench.complaintOpens} (1,500) or
 *       {@code bench.phaseSeconds};</li>
 *   <li><b>an escalation burst, twice</b>: the first-response target of {@code bench.complaintBurst} (3,000) seeded
 *       complaints made due now (the timer jobs' due date and the record's target), while 2 clients keep opening
 *       complaints; the time until every burst complaint is at level 1 with its superior's task, and the delay of every
 *       customer notice recorded meanwhile (the escalations' "a senior colleague handles it" and the opens' promises):
 *       from the notice's record ({@code PC_NOTICE.CREATED_AT}) to its arrival at the SMS stub. The first burst runs
 *       with the job executor acquiring by due date alone (as before issue 24's fix), the second as configured (by
 *       priority, then due date; the ladder's timers have priority -10), switched at run time on the same engine.</li>
 * </ol>
 */
final class ComplaintPhase {

  private static final int COMPLAINTS = Integer.getInteger("bench.complaints", 20_000);
  private static final int OPENS = Integer.getInteger("bench.complaintOpens", 1_500);
  private static final int BURST = Integer.getInteger("bench.complaintBurst", 3_000);
  private static final int SEED_BATCH = Integer.getInteger("bench.complaintSeedBatch", 50);
  private static final int SEED_THREADS = Integer.getInteger("bench.seedThreads", 3);
  private static final int PHASE_SECONDS = Integer.getInteger("bench.phaseSeconds", 45);
  private static final int BURST_SECONDS = Integer.getInteger("bench.complaintBurstSeconds", 600);
  private static final int CLIENTS = 8;
  private static final int BURST_CLIENTS = 2;
  private static final int BURST_OPENS = 5_000;

  private final BenchDatabase db;
  private final Client client;
  private final SmsStub sms;
  private final ConfigurableApplicationContext app;
  private final Consumer<String> row;
  private final Map<String, Object> results;
  private final List<String> notes;
  private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);

  ComplaintPhase(BenchDatabase db, Client client, SmsStub sms, ConfigurableApplicationContext app,
      Consumer<String> row, Map<String, Object> results, List<String> notes) {
    this.db = db;
    this.client = client;
    this.sms = sms;
    this.app = app;
    this.row = row;
    this.results = results;
    this.notes = notes;
  }

  void run() throws Exception {
    // 1. seed through the door, in-process
    registerOrders("CS-", COMPLAINTS);
    long s0 = System.nanoTime();
    Machine.Cpu cpu0 = Machine.Cpu.now();
    int seeded = seed(COMPLAINTS);
    double seedSeconds = (System.nanoTime() - s0) / 1e9;
    Machine.Cpu cpu1 = Machine.Cpu.now();
    double drained = db.quiesce(900); // the promises' deliveries
    db.lines("analyze");
    long open = db.count("select count(*) from pc_complaint where status <> 'CLOSED'");
    results.put("complaint_seeded", seeded);
    results.put("complaint_seed_per_s", round(seeded / seedSeconds));
    results.put("complaint_open_records", open);
    row.accept(String.format("%-34s %,d through Complaints.open in-process in %.0f s (%.0f /s, %d threads, %d per "
        + "transaction; %s); promises delivered %.0f s later; %,d open complaints", "complaints: seed", seeded,
        seedSeconds, seeded / seedSeconds, SEED_THREADS, SEED_BATCH, cpu1.since(cpu0), drained, open));

    // 2. open at 8 clients over HTTP, as the integrator, the agent picked by load
    registerOrders("CW-", 200);
    registerOrders("CO-", OPENS);
    Load.run("warm-up complaints", CLIENTS, 200, PHASE_SECONDS, i -> Client.expect(client.post("/api/complaints",
        "shop1", request("CW-" + i, null)), 201));
    db.quiesce(120);
    Map<String, long[]> before = db.tableStats();
    Machine.Cpu cpu2 = Machine.Cpu.now();
    Load.Stats o;
    String waits;
    try (BenchDatabase.WaitSampler w = db.new WaitSampler()) {
      o = Load.run("open POST /api/complaints", CLIENTS, OPENS, PHASE_SECONDS, i -> Client.expect(
          client.post("/api/complaints", "shop1", request("CO-" + i, null)), 201));
      waits = w.summary();
    }
    Machine.Cpu cpu3 = Machine.Cpu.now();
    Map<String, long[]> after = db.tableStats();
    row.accept(o.line());
    results.put("complaint_open_per_s", round(o.perSecond()));
    results.put("complaint_open_p50_ms", round(o.p50()));
    results.put("complaint_open_p99_ms", round(o.p99()));
    results.put("complaint_open_errors", o.errors());
    notes.add(String.format("complaints, open at %d clients over %,d open complaints: %s; PostgreSQL %s; %.1f rows "
        + "inserted per open; seq scans: %s; per request: %s", CLIENTS, open, cpu3.since(cpu2), waits,
        BenchDatabase.sum(after, before, 3) / (double) Math.max(1, o.ok()), BenchDatabase.seqScans(after, before, 4),
        BenchDatabase.seqScansPerRequest(after, before, o.ok())));
    // where an open's rows go (issue 24: ~51 a open): per table, the tables with the most first
    List<String> top = new java.util.ArrayList<>();
    after.entrySet().stream()
        .filter(e -> e.getValue()[3] - before.getOrDefault(e.getKey(), new long[7])[3] > 0)
        .sorted((x, y) -> Long.compare(y.getValue()[3] - before.getOrDefault(y.getKey(), new long[7])[3],
            x.getValue()[3] - before.getOrDefault(x.getKey(), new long[7])[3]))
        .forEach(e -> top.add(String.format("%s %.2f", e.getKey(),
            (e.getValue()[3] - before.getOrDefault(e.getKey(), new long[7])[3]) / (double) Math.max(1, o.ok()))));
    notes.add("complaints, rows inserted per open by table: " + String.join(", ", top));
    double drained2 = db.quiesce(300);
    notes.add(String.format("complaints: the opens' promises delivered %.1f s after the open phase", drained2));

    // 3. the burst, twice: as before issue 24's fix (jobs acquired by due date alone: the timers due first go first)
    //    and as configured (by priority, then due date: the ladder's timers yield to the notices)
    org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine =
        (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.getBean(
            org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration();
    boolean configured = engine.isJobExecutorAcquireByPriority();
    engine.setJobExecutorAcquireByPriority(false);
    Burst byDueDate = burst("by due date only (before)", 0);
    engine.setJobExecutorAcquireByPriority(configured);
    db.quiesce(300);
    Burst byPriority = burst("by priority, then due date" + (configured ? "" : " (NOT configured)"), 1);

    row.accept("");
    row.accept(String.format("%-34s %-30s %s", "issue 24 figure", "measured", "target"));
    row.accept(String.format("%-34s %-30s %s", "open complaints", String.format("%,d", open), "20,000"));
    row.accept(String.format("%-34s %-30s %s", "open, 8 clients", String.format("%.1f /s (p50 %.0f, p99 %.0f ms)",
        o.perSecond(), o.p50(), o.p99()), "≥ 100 /s"));
    row.accept(String.format("%-34s %-30s %s", "notice delay in the burst, worst", String.format("%.1f s before, "
        + "%.1f s after", byDueDate.worst(), byPriority.worst()), "≤ 60 s, none missing (" + byDueDate.missing() + ", "
        + byPriority.missing() + ")"));
  }

  private record Burst(double worst, int missing) {}

  /**
   * {@code BURST} seeded complaints (the {@code n}-th slice) get their first-response target due now while 2 clients
   * keep opening complaints; until every one of them is at level 1, then every notice recorded meanwhile arrived.
   */
  private Burst burst(String label, int n) throws Exception {
    String key = "b" + n;
    registerOrders("C" + n + "-", BURST_OPENS); // as many as the opens may reach: an unregistered order is a 400
    int burst;
    Instant t0;
    long sent0 = sms.received();
    long dup0 = sms.duplicates();
    try (Connection c = DriverManager.getConnection(db.url(), BenchDatabase.USER, "");
        Statement s = c.createStatement()) {
      s.execute("create table bench_burst_" + key + " as select e.ID_ as pi, e.BUSINESS_KEY_ as no from"
          + " ACT_RU_EXECUTION e where e.ID_ = e.PROC_INST_ID_ and e.BUSINESS_KEY_ like 'CS-" + run + "-%' order by"
          + " e.BUSINESS_KEY_ offset " + ((long) n * BURST) + " limit " + BURST);
      s.execute("create index on bench_burst_" + key + " (no)");
      s.execute("analyze bench_burst_" + key);
      t0 = Instant.now();
      s.executeUpdate("update PC_COMPLAINT set TARGET_DUE = now() where COMPLAINT_NO in (select no from bench_burst_"
          + key + ")");
      burst = s.executeUpdate("update ACT_RU_JOB set DUEDATE_ = now() where HANDLER_CFG_ like 'Timer_TargetMissed%'"
          + " and LOCK_OWNER_ is null and PROCESS_INSTANCE_ID_ in (select pi from bench_burst_" + key + ")");
    }
    AtomicBoolean burstOver = new AtomicBoolean();
    AtomicInteger opened = new AtomicInteger();
    Thread opener = new Thread(() -> {
      try {
        Load.run("opens during the burst", BURST_CLIENTS, BURST_OPENS, BURST_SECONDS, i -> {
          if (burstOver.get()) {
            return;
          }
          Client.expect(client.post("/api/complaints", "shop1", request("C" + n + "-" + i, null)), 201);
          opened.incrementAndGet();
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-complaint-burst-opens");
    opener.setDaemon(true);
    Machine.Cpu cpu4 = Machine.Cpu.now();
    long b0 = System.nanoTime();
    opener.start();
    long deadline = b0 + BURST_SECONDS * 1_000_000_000L;
    long escalated = 0;
    double escalatedAfter = -1;
    while (System.nanoTime() < deadline) {
      escalated = db.count("select count(*) from PC_COMPLAINT c where c.ESCALATION_LEVEL >= 1 and c.COMPLAINT_NO in"
          + " (select no from bench_burst_" + key + ")");
      if (escalated >= burst) {
        escalatedAfter = (System.nanoTime() - b0) / 1e9;
        break;
      }
      Thread.sleep(1000);
    }
    burstOver.set(true);
    opener.join(120_000);
    Machine.Cpu cpu5 = Machine.Cpu.now();
    long expected = db.count("select count(*) from PC_NOTICE where CREATED_AT >= '" + java.sql.Timestamp.from(t0)
        + "'");
    long waitUntil = System.nanoTime() + 300_000_000_000L;
    while (sms.received() - sent0 < expected && System.nanoTime() < waitUntil) {
      Thread.sleep(200);
    }
    long tasks = db.count("select count(*) from ACT_RU_TASK t join bench_burst_" + key + " b on b.pi ="
        + " t.PROC_INST_ID_ where t.TASK_DEF_KEY_ = 'Task_SuperiorReviews'");
    Delays escalations = delays(t0, "COMPLAINT_ESCALATED");
    Delays promises = delays(t0, "COMPLAINT_PROMISE");
    String p = "complaint_burst" + n + "_";
    results.put(p + "acquisition", label);
    results.put(p + "size", burst);
    results.put(p + "escalated", escalated);
    results.put(p + "superior_tasks", tasks);
    results.put(p + "seconds", round(escalatedAfter));
    results.put(p + "opens", opened.get());
    results.put(p + "escalated_notice_delay_p50_s", round(escalations.p50));
    results.put(p + "escalated_notice_delay_p99_s", round(escalations.p99));
    results.put(p + "escalated_notice_delay_max_s", round(escalations.max));
    results.put(p + "escalated_notice_missing", escalations.missing);
    results.put(p + "promise_delay_p50_s", round(promises.p50));
    results.put(p + "promise_delay_p99_s", round(promises.p99));
    results.put(p + "promise_delay_max_s", round(promises.max));
    results.put(p + "promise_missing", promises.missing);
    results.put(p + "sms_duplicates", sms.duplicates() - dup0);
    row.accept(String.format("%-34s jobs acquired %s: %,d targets due at once: %,d at level 1 with %,d superior"
        + " tasks in %.1f s (%.0f escalations/s); %d complaints opened meanwhile at %d clients; %s",
        "complaints: escalation burst " + (n + 1), label, burst, escalated, tasks, escalatedAfter,
        escalatedAfter > 0 ? escalated / escalatedAfter : 0, opened.get(), BURST_CLIENTS, cpu5.since(cpu4)));
    row.accept(String.format("%-34s escalation notices (%,d): %s; promises of the opens (%,d): %s; SMS duplicates %d",
        "complaints: notice delay " + (n + 1), escalations.n, escalations, promises.n, promises,
        sms.duplicates() - dup0));
    return new Burst(Math.max(escalations.max, promises.max), escalations.missing + promises.missing);
  }

  /** Delay of each notice of the type recorded since t0: record → first arrival of its key at the stub, seconds. */
  private Delays delays(Instant t0, String type) throws Exception {
    List<Double> d = new ArrayList<>();
    int missing = 0;
    try (Connection c = DriverManager.getConnection(db.url(), BenchDatabase.USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select NOTICE_KEY, CREATED_AT from PC_NOTICE where NOTICE_TYPE = '" + type
            + "' and CREATED_AT >= '" + java.sql.Timestamp.from(t0) + "'")) {
      while (rs.next()) {
        Instant arrived = sms.arrival(rs.getString(1));
        if (arrived == null) {
          missing++;
        } else {
          d.add(Math.max(0, (arrived.toEpochMilli() - rs.getTimestamp(2).toInstant().toEpochMilli()) / 1000.0));
        }
      }
    }
    d.sort(Double::compare);
    return new Delays(d.size(), missing, pct(d, 0.5), pct(d, 0.99), d.isEmpty() ? 0 : d.get(d.size() - 1));
  }

  private record Delays(int n, int missing, double p50, double p99, double max) {
    @Override
    public String toString() {
      return String.format("p50 %.1f s, p99 %.1f s, max %.1f s, %d not arrived", p50, p99, max, missing);
    }
  }

  private static double pct(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int idx = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
  }

  private int seed(int count) throws InterruptedException {
    Complaints complaints = app.getBean(Complaints.class);
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch latch = new CountDownLatch(SEED_THREADS);
    for (int t = 0; t < SEED_THREADS; t++) {
      Thread th = new Thread(() -> {
        try {
          while (failure.get() == null) {
            int from = next.getAndAdd(SEED_BATCH);
            if (from >= count) {
              break;
            }
            int to = Math.min(count, from + SEED_BATCH);
            for (int attempt = 1; ; attempt++) {
              try {
                tx.executeWithoutResult(status -> {
                  for (int i = from; i < to; i++) {
                    complaints.open(requestOf("CS-" + i, Requests.agent(i)), "shop1");
                  }
                });
                break;
              } catch (RuntimeException e) {
                if (attempt >= 3) {
                  throw e;
                }
              }
            }
            int n = done.addAndGet(to - from);
            if (n % 2000 < SEED_BATCH) {
              System.out.printf("    seeded %,d complaints%n", n);
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          latch.countDown();
        }
      }, "bench-complaint-seed-" + t);
      th.setDaemon(true);
      th.start();
    }
    latch.await();
    if (failure.get() != null) {
      throw new IllegalStateException("seeding complaints failed after " + done.get(), failure.get());
    }
    return done.get();
  }

  /** The orders of complaints {@code prefix}run-0 … , registered by shop1 in-process, 100 at a time. */
  private void registerOrders(String prefix, int count) {
    Orders orders = app.getBean(Orders.class);
    for (int from = 0; from < count; from += 100) {
      List<Orders.Registration> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 100); i++) {
        batch.add(Requests.returnForReview(prefix + run + "-" + i, Requests.agent(i)).registration());
      }
      orders.register(batch, "shop1");
    }
  }

  private ComplaintRequest requestOf(String no, String agent) {
    String complaintNo = no.substring(0, 3) + run + "-" + no.substring(3);
    return new ComplaintRequest(complaintNo, "O-" + complaintNo, Channel.IM, Category.LOGISTICS, Severity.MEDIUM,
        "双11 买的羽绒服五天了还没发货，客服也不回", List.of(), agent);
  }

  private String request(String no, String agent) {
    ComplaintRequest r = requestOf(no, agent);
    return "{\"complaintNo\":\"" + r.complaintNo() + "\",\"orderNo\":\"" + r.orderNo() + "\",\"channel\":\"IM\","
        + "\"category\":\"LOGISTICS\",\"severity\":\"MEDIUM\",\"demand\":\"" + r.demand() + "\""
        + (agent == null ? "" : ",\"agent\":\"" + agent + "\"") + "}";
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
