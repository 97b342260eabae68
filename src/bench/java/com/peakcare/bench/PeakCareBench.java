package com.peakcare.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.peakcare.PeakCareApplication;
import com.peakcare.identity.AccessRules;
import com.peakcare.identity.Groups;
import com.peakcare.order.Orders;
import com.peakcare.returns.BenchSeeds;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 6's benchmark: boots PeakCare in this JVM on a fresh PostgreSQL database (profile postgres, demo users,
 * job executor on, SMS notices to an in-JVM stub), loads it over real HTTP on 127.0.0.1 and prints one table,
 * also written flat to {@code target/bench/results.json}. Run with {@code mvn -Pbench verify} (README, Performance).
 *
 * <p>Phases: open (POST /api/returns beside /engine-rest starts of a bare one-user-task process, 8 and 32
 * clients), complete at scale (seed {@code bench.openTasks} open tasks in-process, then claim and complete review
 * tasks through /engine-rest at 8 clients), lifecycle ({@code bench.lifecycleCases} cases from open to closed),
 * boot time and RSS.
 */
public final class PeakCareBench {

  static final String BARE = "bench-bare";

  private static final int OPEN_TASKS = Integer.getInteger("bench.openTasks", 300_000);
  private static final int LIFECYCLE_CASES = Integer.getInteger("bench.lifecycleCases", 500);
  private static final int OPEN_REQUESTS = Integer.getInteger("bench.openRequests", 3000);
  private static final int COMPLETE_REQUESTS = Integer.getInteger("bench.completeRequests", 3000);
  private static final int PHASE_SECONDS = Integer.getInteger("bench.phaseSeconds", 45);
  private static final int SEED_SECONDS = Integer.getInteger("bench.seedSeconds", 1800);
  private static final String SEED = System.getProperty("bench.seed", "bare");
  private static final int SEED_THREADS = Integer.getInteger("bench.seedThreads", 3);
  private static final int SEED_BATCH = Integer.getInteger("bench.seedBatch", 100);
  private static final int QUIESCE_SECONDS = Integer.getInteger("bench.quiesceSeconds", 90);
  private static final int LIFECYCLE_CLIENTS = Integer.getInteger("bench.lifecycleClients", 8);
  private static final int LIFECYCLE_IN_FLIGHT = Integer.getInteger("bench.lifecycleInFlight", 200);
  private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
  /** Which phases run: open, complete, lifecycle, hammer, reviews, reminders, complaints (comma-separated). */
  private static final String PHASES = System.getProperty("bench.phases", "open,complete,lifecycle,hammer,reviews");
  /** Extra PeakCare arguments, space-separated, e.g. "--spring.datasource.hikari.maximum-pool-size=20". */
  private static final String APP_ARGS = System.getProperty("bench.appArgs", "");

  /** Whether the phase was asked for: a whole name of the list ("complaints" does not ask for "plain"). */
  private static boolean phase(String name) {
    return java.util.Arrays.asList(PHASES.split("\\s*,\\s*")).contains(name);
  }

  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<String> table = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final AtomicLong peakRss = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int code = new PeakCareBench().run();
    System.exit(code);
  }

  private int run() throws Exception {
    Files.createDirectories(OUT);
    startRssSampler();
    results.put("date", Instant.now().toString());
    results.put("cores", Runtime.getRuntime().availableProcessors());
    results.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    results.put("scale_open_tasks_target", OPEN_TASKS);
    results.put("scale_lifecycle_cases", LIFECYCLE_CASES);
    results.put("seed_mode", SEED);
    SlowStatements slow = new SlowStatements();
    try (BenchDatabase db = BenchDatabase.create(); SmsStub sms = new SmsStub()) {
      log("database " + db.name() + ", SMS stub on 127.0.0.1:" + sms.port() + ", heap max "
          + results.get("max_heap_mb") + " MB");
      results.put("postgres", db.lines("select version()").get(0));
      long t0 = System.nanoTime();
      ConfigurableApplicationContext app = boot(db, sms);
      double boot = (System.nanoTime() - t0) / 1e9;
      results.put("boot_s", round(boot));
      results.put("jvm_uptime_at_ready_s", round(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
      long rssBoot = Machine.rssMb();
      results.put("rss_mb", rssBoot);
      row(String.format("%-34s %s", "boot (fresh database, Liquibase)", round(boot) + " s, RSS " + rssBoot + " MB"));
      int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
      app.getBean(AccessRules.class).grant(Groups.INTEGRATORS, Resources.PROCESS_DEFINITION, BARE,
          Permissions.READ, Permissions.CREATE_INSTANCE);
      app.getBean(AccessRules.class).grant(Groups.INTEGRATORS, Resources.PROCESS_INSTANCE, AccessRules.ANY,
          Permissions.CREATE);
      Client client = new Client(port);
      peakRss.set(0);

      if (phase("open")) {
        openPhase(db, client, app, 8, true);
        ceilingPhase(db, app);
      }
      // plain Camunda beside PeakCare's bare start (issue 23): with the open phase, or alone; -Dbench.plain=false skips it
      if (phase("plain") || phase("open") && !"false".equals(System.getProperty("bench.plain"))) {
        plainPhase(db, app);
      }
      if (phase("complete")) {
        completePhase(db, client, app);
      }
      if (phase("lifecycle")) {
        lifecyclePhase(db, client, sms);
      }
      // 32 clients last: at 32 clients the notices' delivery jobs exhausted the connection pool in every trial run
      // (each holds its job's connection and waits for a second one), which then starves whatever runs next
      if (phase("open")) {
        openPhase(db, client, app, 32, false);
      }
      if (phase("hammer")) {
        hammerPhase(db, client);
      }

      if (phase("reviews")) {
        new ReviewPhase(db, client, app, this::row, results, notes).run();
      }
      if (phase("reminders")) {
        new ReminderPhase(db, client, sms, this::row, results, notes).run();
      }
      if (phase("complaints")) {
        new ComplaintPhase(db, client, sms, app, this::row, results, notes).run();
      }
      results.put("rss_peak_mb", peakRss.get());
      results.put("rss_end_mb", Machine.rssMb());
      row(String.format("%-34s %s", "RSS", "after boot " + rssBoot + " MB, peak under load " + peakRss.get()
          + " MB (heap max " + results.get("max_heap_mb") + " MB)"));
      app.close();
      List<String> slowest = slow.report(db.name(), OUT.resolve("slow-statements.txt"), 8);
      notes.add("slowest statements (auto_explain sample, most total time first; all in slow-statements.txt):");
      slowest.forEach(l -> notes.add("  " + (l.length() > 700 ? l.substring(0, 700) + "..." : l)));
    } catch (Exception e) {
      e.printStackTrace();
      notes.add("benchmark aborted: " + e);
      results.put("error", e.toString());
    }
    write();
    return results.containsKey("error") ? 1 : 0;
  }

  private ConfigurableApplicationContext boot(BenchDatabase db, SmsStub sms) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
            "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + BenchDatabase.USER,
            "--spring.datasource.password=",
            "--peakcare.demo=true", "--spring.jmx.enabled=false",
            "--camunda.bpm.job-execution.enabled=true",
            "--peakcare.notice.sms.enabled=true",
            "--peakcare.notice.sms.url=http://127.0.0.1:" + sms.port() + "/sms",
            "--peakcare.notice.sms.api-key=bench",
            "--peakcare.notice.email.enabled=false",
            "--peakcare.audit.key-file=" + OUT.resolve("audit-signing.key"),
            // business logs go to a file, as in production; the console keeps the benchmark's table readable
            "--logging.file.name=" + OUT.resolve("peakcare.log"),
            "--logging.threshold.console=WARN",
            // the throughput phases load one account each as fast as they can: their per-account rate limits are
            // lifted (issue 26); the history's stays, for the hammer phase
            "--peakcare.rate-limit.rules.open-cases.capacity=0", "--peakcare.rate-limit.rules.lists.capacity=0"));
    if (phase("reminders")) {
      args.addAll(ReminderPhase.APP_ARGS);
    }
    for (String extra : APP_ARGS.trim().split("\\s+")) {
      if (!extra.isBlank()) {
        args.add(extra);
      }
    }
    results.put("app_args", APP_ARGS.trim());
    return new SpringApplicationBuilder(PeakCareApplication.class).profiles("postgres")
        .run(args.toArray(String[]::new));
  }

  // ---- 1. open: POST /api/returns beside bare /engine-rest starts, same JVM, same database ----

  private void openPhase(BenchDatabase db, Client client, ConfigurableApplicationContext app, int clients,
      boolean warmUp) throws Exception {
    AtomicLong seq = new AtomicLong();
    String bare = "{\"businessKey\":\"%s\"}";
    // issue 20: each case names an order the shop registered before; registered here, in-process, outside the timing
    registerOrders(app, "O" + clients + "-", OPEN_REQUESTS);
    // warm-up (JIT, pools): not counted
    if (warmUp) {
      registerOrders(app, "W-", 200);
      Load.run("warm-up bare", 8, 200, PHASE_SECONDS, i -> Client.expect(client.post(
        "/engine-rest/process-definition/key/" + BARE + "/start", "shop1", String.format(bare, "WB-" + i)), 200));
      Load.run("warm-up open", 8, 200, PHASE_SECONDS, i -> Client.expect(client.post("/api/returns", "shop1",
        BenchSeeds.json(Requests.returnForReview("W-" + i, Requests.agent(i)).request())), 201));
    }
    db.quiesce(120);
    {
      Load.Stats b = measure(db, "bare start /engine-rest", clients, OPEN_REQUESTS, i -> Client.expect(client.post(
          "/engine-rest/process-definition/key/" + BARE + "/start", "shop1",
          String.format(bare, "B" + clients + "-" + i)), 200));
      db.quiesce(120);
      Load.Stats o = measure(db, "open POST /api/returns", clients, OPEN_REQUESTS, i -> {
        long n = seq.getAndIncrement();
        Client.expect(client.post("/api/returns", "shop1",
            BenchSeeds.json(Requests.returnForReview("O" + clients + "-" + n, Requests.agent(n)).request())), 201);
      });
      double waited = db.quiesce(QUIESCE_SECONDS);
      notes.add(String.format("open at %d clients: the job executor needed %.1f s more for the notices' deliveries"
          + " (%d jobs still due)", clients, waited, db.dueJobs()));
      String sfx = clients == 8 ? "" : "_" + clients;
      results.put("open_per_s" + sfx, round(o.perSecond()));
      results.put("open_p50_ms" + sfx, round(o.p50()));
      results.put("open_p99_ms" + sfx, round(o.p99()));
      results.put("bare_start_per_s" + sfx, round(b.perSecond()));
      results.put("bare_p50_ms" + sfx, round(b.p50()));
      results.put("bare_p99_ms" + sfx, round(b.p99()));
      results.put("open_ratio" + sfx, round(b.perSecond() > 0 ? o.perSecond() / b.perSecond() : 0));
      results.put("open_errors" + sfx, o.errors());
      results.put("bare_errors" + sfx, b.errors());
      row(String.format("%-34s %.2f (open/bare at %d clients)", "open ratio", o.perSecond() / b.perSecond(), clients));
    }
    notes.add("live rows in the database after the open phase at " + clients + " clients: "
        + db.count("select sum(n_live_tup) from pg_stat_user_tables"));
  }

  // ---- 1b. plain Camunda: the same bare start on a stock engine in the same JVM (issue 23 item 7) ----

  /**
   * Bare starts through the Java API at 8 threads, one transaction each: on a stock Camunda engine (authorization
   * off, history full, own database on the same server) and on PeakCare's (its plugins, gate and caches; no person
   * is authenticated, so no authorization check either). Same process, same count, back to back.
   */
  private void plainPhase(BenchDatabase db, ConfigurableApplicationContext app) throws Exception {
    RuntimeService peakCare = app.getBean(RuntimeService.class);
    try (PlainCamunda plain = new PlainCamunda()) {
      RuntimeService stock = plain.engine().getRuntimeService();
      Load.run("warm-up plain", 8, 200, PHASE_SECONDS, i -> stock.startProcessInstanceByKey(BARE, "PW-" + i));
      Load.run("warm-up peakcare java", 8, 200, PHASE_SECONDS, i -> peakCare.startProcessInstanceByKey(BARE, "KW-" + i));
      db.quiesce(60);
      Load.Stats p = measure(plain.database(), "bare start, plain Camunda (Java)", 8, OPEN_REQUESTS,
          i -> stock.startProcessInstanceByKey(BARE, "PL-" + i));
      Load.Stats k = measure(db, "bare start, PeakCare (Java)", 8, OPEN_REQUESTS,
          i -> peakCare.startProcessInstanceByKey(BARE, "PK-" + i));
      results.put("plain_start_per_s", round(p.perSecond()));
      results.put("plain_p99_ms", round(p.p99()));
      results.put("peakcare_java_start_per_s", round(k.perSecond()));
      results.put("peakcare_java_p99_ms", round(k.p99()));
      results.put("plain_ratio", round(p.perSecond() > 0 ? k.perSecond() / p.perSecond() : 0));
      row(String.format("%-34s %.2f (PeakCare/plain Camunda, bare start, Java API, 8 threads)", "platform ratio",
          p.perSecond() > 0 ? k.perSecond() / p.perSecond() : 0));
      Object http = results.get("bare_start_per_s");
      if (http instanceof Number n && p.perSecond() > 0) {
        row(String.format("%-34s %.2f (PeakCare's /engine-rest bare start at 8 clients / plain Camunda's Java start)",
            "platform ratio over HTTP", n.doubleValue() / p.perSecond()));
        results.put("plain_ratio_http", round(n.doubleValue() / p.perSecond()));
      }
    }
  }

  /** The orders of returns {@code prefix}0 … {@code prefix}(count-1), registered by shop1 in-process, 100 at a time. */
  private void registerOrders(ConfigurableApplicationContext app, String prefix, int count) {
    Orders orders = app.getBean(Orders.class);
    long t0 = System.nanoTime();
    for (int from = 0; from < count; from += 100) {
      List<Orders.Registration> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 100); i++) {
        batch.add(Requests.returnForReview(prefix + i, Requests.agent(i)).registration());
      }
      orders.register(batch, "shop1");
    }
    log(String.format("    registered %d orders (%s…) in %.1f s", count, prefix, (System.nanoTime() - t0) / 1e9));
  }

  /**
   * Issue 20: what the order's refund ceiling costs an open, in-process on PostgreSQL, one at a time: the order's
   * lookup the open makes, alone, and then with the claim (the conditional updates of the order and its line, the
   * reservation and its line inserted), each in a transaction of its own, on orders of their own.
   */
  private void ceilingPhase(BenchDatabase db, ConfigurableApplicationContext app) {
    int ops = Integer.getInteger("bench.ceilingOps", 1000);
    Orders orders = app.getBean(Orders.class);
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    registerOrders(app, "CL-", ops);
    BigDecimal amount = new BigDecimal("300.00");
    List<com.peakcare.order.LineClaim> unit = List.of(new com.peakcare.order.LineClaim("SKU-1", 1));
    for (int i = 0; i < Math.min(100, ops); i++) { // warm-up: lookups only, nothing claimed
      String orderNo = "O-CL-" + i;
      tx.executeWithoutResult(s -> orders.find(orderNo));
    }
    Map<String, long[]> before = db.tableStats();
    long[] lookup = new long[ops];
    long[] claim = new long[ops];
    for (int i = 0; i < ops; i++) {
      String orderNo = "O-CL-" + i;
      long t = System.nanoTime();
      tx.executeWithoutResult(s -> orders.find(orderNo));
      lookup[i] = System.nanoTime() - t;
      String returnNo = "CL-" + i;
      t = System.nanoTime();
      tx.executeWithoutResult(s -> {
        orders.find(orderNo);
        orders.reserveRefund(orderNo, returnNo, unit, amount, "shop1");
      });
      claim[i] = System.nanoTime() - t;
    }
    Map<String, long[]> after = db.tableStats();
    java.util.Arrays.sort(lookup);
    java.util.Arrays.sort(claim);
    double lookupMs = lookup[ops / 2] / 1e6;
    double claimMs = claim[ops / 2] / 1e6;
    results.put("ceiling_ops", ops);
    results.put("ceiling_lookup_p50_ms", round(lookupMs));
    results.put("ceiling_lookup_and_claim_p50_ms", round(claimMs));
    results.put("ceiling_claim_p50_ms", round(claimMs - lookupMs));
    results.put("ceiling_claim_p99_ms", round((claim[ops * 99 / 100] - lookup[ops * 99 / 100]) / 1e6));
    long written = BenchDatabase.sum(after, before, 3);
    results.put("ceiling_rows_inserted_per_open", round((double) written / ops));
    row(String.format("%-34s %.2f ms p50 (order lookup %.2f ms, lookup + claim %.2f ms; %d opens, one at a time)",
        "refund ceiling per open", claimMs - lookupMs, lookupMs, claimMs, ops));
    notes.add(String.format("refund ceiling (issue 20): per open %.2f ms p50 for the claim (2 conditional updates,"
        + " 2 inserts) beside %.2f ms for the order lookup the open needs anyway; %.1f rows inserted per claim",
        claimMs - lookupMs, lookupMs, (double) written / ops));
  }

  private static String slug(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  /** One measured load with its CPU, the database's wait events and its sequential scans. */
  private Load.Stats measure(BenchDatabase db, String name, int clients, int maxOps, Load.Op op) throws Exception {
    Map<String, long[]> before = db.tableStats();
    Machine.Cpu cpu0 = Machine.Cpu.now();
    Load.Stats s;
    String waits;
    try (BenchDatabase.WaitSampler w = db.new WaitSampler()) {
      s = Load.run(name, clients, maxOps, PHASE_SECONDS, op);
      waits = w.summary();
    }
    Machine.Cpu cpu1 = Machine.Cpu.now();
    Map<String, long[]> after = db.tableStats();
    row(s.line());
    log("    " + cpu1.since(cpu0) + "; PostgreSQL " + waits);
    List<String> scans = BenchDatabase.seqScans(after, before, 3);
    if (!scans.isEmpty()) {
      log("    sequential scans: " + String.join("; ", scans));
    }
    long ins = BenchDatabase.sum(after, before, 3);
    // issue 23: sequential scans per request, in all and of the tables the issue names
    String perRequest = BenchDatabase.seqScansPerRequest(after, before, s.ok());
    log("    sequential scans per request: " + perRequest);
    results.put("seq_scans_per_request_" + slug(name) + "_" + clients,
        round(s.ok() > 0 ? BenchDatabase.sum(after, before, 0) / (double) s.ok() : 0));
    notes.add(String.format("%s at %d clients: %s; PostgreSQL %s; %.1f rows inserted per request;"
        + " seq scans: %s; per request: %s", name, clients, cpu1.since(cpu0), waits,
        s.ok() > 0 ? (double) ins / s.ok() : 0, scans.isEmpty() ? "none" : String.join("; ", scans), perRequest));
    if (s.errors() > 0) {
      results.merge("errors", s.errors(), (a, b) -> (Integer) a + (Integer) b);
    }
    return s;
  }

  // ---- 2. complete at scale ----

  private void completePhase(BenchDatabase db, Client client, ConfigurableApplicationContext app) throws Exception {
    long open = db.count("select count(*) from act_ru_task");
    long toSeed = Math.max(0, OPEN_TASKS - open);
    // the review tasks the phase completes are always real return cases; in "bare" mode the rest are bare tasks
    int cases = (int) ("bare".equals(SEED) ? Math.min(toSeed, (long) COMPLETE_REQUESTS) : toSeed);
    long bares = toSeed - cases;
    log(String.format("seeding %d open tasks in-process (%d return cases, %d bare), %d threads, %d per transaction",
        toSeed, cases, bares, SEED_THREADS, SEED_BATCH));
    long s0 = System.nanoTime();
    Machine.Cpu cpu0 = Machine.Cpu.now();
    int seededCases = seed(db, app, cases, true);
    int seededBares = seed(db, app, (int) bares, false);
    double seedSeconds = (System.nanoTime() - s0) / 1e9;
    Machine.Cpu cpu1 = Machine.Cpu.now();
    db.lines("analyze"); // the planner's statistics as autovacuum would have them after a day
    open = db.count("select count(*) from act_ru_task");
    results.put("open_tasks", open);
    results.put("seed_cases", seededCases);
    results.put("seed_bare", seededBares);
    results.put("seed_per_s", round((seededCases + seededBares) / seedSeconds));
    row(String.format("%-34s %d return cases + %d bare in %.0f s (%.0f /s; %s)", "seed open tasks (in-process)",
        seededCases, seededBares, seedSeconds, (seededCases + seededBares) / seedSeconds, cpu1.since(cpu0)));
    results.put("open_tasks_db_rows", db.count("select sum(n_live_tup) from pg_stat_user_tables"));
    db.quiesce(120);
    int completable = seededCases;
    Load.Stats c = measure(db, "claim+complete /engine-rest", 8, Math.min(COMPLETE_REQUESTS, completable), i -> {
      String agent = Requests.agent(i);
      new Lifecycle(client, "", 0).claimAndComplete("S-" + i, Elements.TASK_REVIEW, agent,
          "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"同意 · bench\"}}}",
          new AtomicInteger());
    });
    results.put("complete_per_s", round(c.perSecond()));
    results.put("complete_p50_ms", round(c.p50()));
    results.put("complete_p99_ms", round(c.p99()));
    results.put("complete_errors", c.errors());
    row(String.format("%-34s %d", "open tasks during complete", open));
    double waited = db.quiesce(QUIESCE_SECONDS);
    notes.add(String.format("complete: the job executor needed %.1f s more for the notices' deliveries"
        + " (%d jobs still due)", waited, db.dueJobs()));
  }

  /** Starts {@code count} return cases (REPAIR, reviewed by agent1/agent2) or bare instances in-process. */
  private int seed(BenchDatabase db, ConfigurableApplicationContext app, int count, boolean cases)
      throws InterruptedException {
    if (count <= 0) {
      return 0;
    }
    RuntimeService runtime = app.getBean(RuntimeService.class);
    com.peakcare.returns.ReturnCases returnCases = app.getBean(com.peakcare.returns.ReturnCases.class);
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    CountDownLatch latch = new CountDownLatch(SEED_THREADS);
    for (int t = 0; t < SEED_THREADS; t++) {
      Thread th = new Thread(() -> {
        try {
          while (!stop.get()) {
            int from = next.getAndAdd(SEED_BATCH);
            if (from >= count) {
              break;
            }
            int to = Math.min(count, from + SEED_BATCH);
            for (int attempt = 1; ; attempt++) {
              try {
                tx.executeWithoutResult(status -> {
                  for (int i = from; i < to; i++) {
                    if (cases) {
                      Requests.Case c = Requests.repairForReview("S-" + i, Requests.agent(i));
                      app.getBean(Orders.class).register(List.of(c.registration()), "shop1");
                      BenchSeeds.start(returnCases, c.request(), "shop1");
                    } else {
                      runtime.startProcessInstanceByKey(BARE, "SB-" + i);
                    }
                  }
                });
                break;
              } catch (RuntimeException e) {
                if (attempt >= 3) {
                  throw e;
                }
                log("    seed batch failed, again: " + e);
              }
            }
            done.addAndGet(to - from);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          stop.set(true);
        } finally {
          latch.countDown();
        }
      }, "bench-seed-" + t);
      th.setDaemon(true);
      th.start();
    }
    long lastLog = System.nanoTime();
    while (!latch.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
      double secs = (System.nanoTime() - start) / 1e9;
      if (secs > SEED_SECONDS) {
        stop.set(true);
        notes.add(String.format("seeding stopped at its time limit (%d s) after %d of %d", SEED_SECONDS, done.get(),
            count));
      }
      if (System.nanoTime() - lastLog > 30e9) {
        // what autovacuum would do as the tables grow: keep the planner's statistics current while seeding
        db.lines("analyze act_ru_authorization, act_ru_task, act_ru_execution, act_ru_identitylink, act_ru_variable");
        log(String.format("    seeded %d of %d %s (%.0f /s, RSS %d MB)", done.get(), count, cases ? "cases" : "bare",
            done.get() / secs, Machine.rssMb()));
        lastLog = System.nanoTime();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("seeding failed", failure.get());
    }
    return done.get();
  }

  // ---- 3. lifecycle ----

  private void lifecyclePhase(BenchDatabase db, Client client, SmsStub sms) throws Exception {
    db.quiesce(QUIESCE_SECONDS);
    Thread.sleep(11_000); // PostgreSQL 15 flushes an idle backend's table statistics within 10 s
    Map<String, long[]> before = db.tableStats();
    long smsBefore = sms.received();
    Machine.Cpu cpu0 = Machine.Cpu.now();
    long t0 = System.nanoTime();
    Lifecycle.Result r;
    String waits;
    java.util.concurrent.atomic.AtomicLong variablesPeak = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread variableSampler = new Thread(() -> {
      // the most runtime variables one case (all its process instances, by business key) has at any moment
      try {
        while (sampling.get()) {
          long max = db.count("select coalesce(max(n), 0) from (select count(*) n from act_ru_variable v"
              + " join act_ru_execution e on e.id_ = v.proc_inst_id_ and e.id_ = e.proc_inst_id_"
              + " where e.business_key_ >= 'L-' and e.business_key_ < 'L.' and e.business_key_ not like '%:%'"
              + " group by e.business_key_) per_case");
          variablesPeak.accumulateAndGet(max, Math::max);
          Thread.sleep(1000);
        }
      } catch (Exception e) {
        notes.add("variable sampler stopped: " + e);
      }
    }, "bench-variable-sampler");
    variableSampler.setDaemon(true);
    variableSampler.start();
    try (BenchDatabase.WaitSampler w = db.new WaitSampler()) {
      r = new Lifecycle(client, "L-", 200).run(LIFECYCLE_CASES, LIFECYCLE_CLIENTS, LIFECYCLE_IN_FLIGHT,
          Math.max(PHASE_SECONDS * 10, 600));
      // the case is done for the customer when its notices reached the gateway
      long until = System.nanoTime() + 300_000_000_000L;
      while (db.count("select count(*) from pc_notice_delivery where status in ('PENDING', 'SENDING')") > 0
          && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      waits = w.summary();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Machine.Cpu cpu1 = Machine.Cpu.now();
    sampling.set(false);
    variableSampler.join(5000);
    db.quiesce(120);
    Thread.sleep(11_000);
    Map<String, long[]> after = db.tableStats();
    long sent = sms.received() - smsBefore;
    double perSecond = r.closed() / seconds;
    results.put("lifecycle_cases", r.closed());
    results.put("lifecycle_failed", r.failed());
    results.put("lifecycle_cases_per_s", round(perSecond));
    results.put("lifecycle_case_p50_ms", round(r.p50()));
    results.put("lifecycle_case_p99_ms", round(r.p99()));
    results.put("lifecycle_sms_sent", sent);
    results.put("rows_per_case", round(BenchDatabase.sum(after, before, 3) / (double) Math.max(1, r.closed())));
    results.put("updates_per_case", round(BenchDatabase.sum(after, before, 4) / (double) Math.max(1, r.closed())));
    results.put("deletes_per_case", round(BenchDatabase.sum(after, before, 5) / (double) Math.max(1, r.closed())));
    // the JVM's CPU (PeakCare and the benchmark's HTTP clients and SMS stub) per case from open to closed
    results.put("jvm_core_s_per_case", round((cpu1.jvm() - cpu0.jvm()) / Math.max(1, r.closed()) * 1000) / 1000.0);
    long[] varsAfter = after.getOrDefault("act_ru_variable", new long[7]);
    long[] varsBefore = before.getOrDefault("act_ru_variable", new long[7]);
    results.put("runtime_variables_created_per_case", round((varsAfter[3] - varsBefore[3])
        / (double) Math.max(1, r.closed())));
    results.put("runtime_variables_per_case_peak", variablesPeak.get());
    row(String.format("%-28s %3d clients  %7d ok %5d err  %7.1f s  %8.1f /s  p50 %7.1f ms  p99 %7.1f ms"
            + "  (%d in flight, %d SMS to the stub)", "lifecycle open->closed", LIFECYCLE_CLIENTS, r.closed(),
        r.failed(), seconds, perSecond, r.p50(), r.p99(), LIFECYCLE_IN_FLIGHT, sent));
    row(String.format("%-34s %s inserted, %s updated, %s deleted", "rows per case", results.get("rows_per_case"),
        results.get("updates_per_case"), results.get("deletes_per_case")));
    row(String.format("%-34s %s JVM core-s per case; runtime variables per case: %s created, at most %s at once",
        "cost per case", results.get("jvm_core_s_per_case"), results.get("runtime_variables_created_per_case"),
        results.get("runtime_variables_per_case_peak")));
    log("    " + cpu1.since(cpu0) + "; PostgreSQL " + waits);
    List<String> scans = BenchDatabase.seqScans(after, before, 3);
    notes.add(String.format("lifecycle: %s; PostgreSQL %s; %d HTTP requests; seq scans: %s; first error: %s",
        cpu1.since(cpu0), waits, r.requests(), scans.isEmpty() ? "none" : String.join("; ", scans), r.firstError()));
    List<String> top = new ArrayList<>();
    after.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue()[3] - before.getOrDefault(y.getKey(), new long[7])[3],
            x.getValue()[3] - before.getOrDefault(x.getKey(), new long[7])[3]))
        .limit(12)
        .forEach(e -> top.add(String.format("%s %.1f", e.getKey(),
            (e.getValue()[3] - before.getOrDefault(e.getKey(), new long[7])[3]) / (double) Math.max(1, r.closed()))));
    notes.add("rows inserted per case by table: " + String.join(", ", top));
  }

  // ---- 4. one account hammers the history (issue 26) ----

  private void hammerPhase(BenchDatabase db, Client client) throws Exception {
    db.quiesce(QUIESCE_SECONDS);
    results.put("hammer_activity_instances", db.count("select count(*) from act_hi_actinst"));
    Hammer.Result r = Hammer.run(client, 16, Math.min(PHASE_SECONDS, 30));
    row(r.alone().line());
    row(r.hammered().line());
    row(String.format("%-34s %s; %d answers of 200 at %.1f MB each", "hammer (auditor1, 16 clients)",
        r.statuses(), r.okAnswers(), r.okMb()));
    results.put("victim_alone_p50_ms", round(r.alone().p50()));
    results.put("victim_alone_p99_ms", round(r.alone().p99()));
    results.put("victim_hammered_p50_ms", round(r.hammered().p50()));
    results.put("victim_hammered_p99_ms", round(r.hammered().p99()));
    results.put("victim_hammered_errors", r.hammered().errors());
    results.put("hammer_statuses", r.statuses().toString());
    results.put("hammer_ok_mb_each", round(r.okMb()));
  }

  // ---- output ----

  private void row(String line) {
    table.add(line);
    log(line);
  }

  private static void log(String line) {
    System.out.println("[bench] " + line);
    System.out.flush();
  }

  private void startRssSampler() {
    Thread t = new Thread(() -> {
      while (true) {
        peakRss.accumulateAndGet(Machine.rssMb(), Math::max);
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-rss");
    t.setDaemon(true);
    t.start();
  }

  private void write() throws Exception {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(OUT.resolve("results.json").toFile(), results);
    StringBuilder b = new StringBuilder();
    b.append("PeakCare benchmark ").append(results.get("date")).append(", ").append(results.get("cores"))
        .append(" cores, heap max ").append(results.get("max_heap_mb")).append(" MB\n");
    table.forEach(l -> b.append(l).append('\n'));
    b.append("\nnotes:\n");
    notes.forEach(l -> b.append("- ").append(l).append('\n'));
    b.append("\nresults.json:\n").append(json.writeValueAsString(results)).append('\n');
    Files.writeString(OUT.resolve("results.txt"), b.toString());
    System.out.println();
    System.out.println("================ PeakCare benchmark ================");
    System.out.print(b);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
