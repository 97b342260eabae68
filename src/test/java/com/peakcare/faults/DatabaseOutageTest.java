package com.peakcare.faults;

import static com.peakcare.faults.Faults.aReturnNo;
import static com.peakcare.faults.Faults.aSmallRefund;
import static com.peakcare.faults.Faults.await;
import static com.peakcare.faults.Faults.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareApplication;
import com.peakcare.order.OrderSnapshot;
import com.peakcare.order.Orders;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import com.peakcare.support.Shop;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: the database goes away for a few seconds while PeakCare is under load, and comes back.
 * <p>How: this test's own database (the PostgreSQL server is shared with other test runs and is never restarted)
 * stops accepting connections ({@code ALTER DATABASE … WITH ALLOW_CONNECTIONS false}) and every session on it is
 * terminated ({@code pg_terminate_backend}): what a database restart or fail-over looks like to the application.
 * After {@link #OUTAGE} connections are allowed again.
 * <p>What must hold: every request during the outage answers 503 with {@code Retry-After} as a problem response,
 * on PeakCare's API, on the engine's REST API and for a login the API has not seen yet, never 500; the health
 * endpoint says DOWN (503) during and UP after; the node recovers by itself; clients that retry get every case
 * opened, none half-written (a case row without its process instance or the reverse); every case is refunded once
 * and every SMS delivered once. Prints how long after the database came back the node served again.
 */
@Tag("own-jvm")
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatabaseOutageTest {

  static final Duration OUTAGE = Duration.ofSeconds(8);

  static {
    // the PostgreSQL driver asserts that a lost connection "should not throw" (BatchResultHandler): with assertions
    // on, as Surefire runs tests, a job that loses its connection mid-batch fails with an AssertionError, which a
    // production JVM (assertions off) never sees. The application runs in this JVM: run the driver as production does.
    DatabaseOutageTest.class.getClassLoader().setPackageAssertionStatus("org.postgresql", false);
  }

  /** One HTTP call as a client saw it. */
  record Call(String what, Instant start, Instant end, int status, String contentType, String retryAfter,
      String body) {
    Duration took() {
      return Duration.between(start, end);
    }
  }

  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  @Test
  void theDatabaseGoesAwayUnderLoadAndTheNodeRecoversWithNothingLostOrDoubled(CapturedOutput output)
      throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create(); SmsGateway sms = new SmsGateway(50)) {
      ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
          .profiles("postgres")
          .run("--server.port=0",
              "--spring.datasource.url=" + db.url(),
              "--spring.datasource.username=" + db.user(),
              "--spring.jmx.enabled=false",
              "--peakcare.demo=true",
              "--camunda.bpm.job-execution.enabled=true",
              "--camunda.bpm.job-execution.lock-time-in-millis=10000",
              "--camunda.bpm.job-execution.wait-time-in-millis=500",
              "--camunda.bpm.job-execution.max-wait=2000",
              "--peakcare.notice.sms.enabled=true",
              "--peakcare.notice.sms.url=" + sms.url(),
              "--peakcare.notice.sms.api-key=outage-test",
              "--peakcare.notice.sms.connect-timeout=2s",
              "--peakcare.notice.sms.read-timeout=3s",
              "--peakcare.notice.email.enabled=false",
              "--peakcare.notice.stale-claim=8s",
              "--peakcare.notice.retry-cycle=R10/PT3S",
              // three clients open cases as one integrator as fast as they can: not what its rate limit is for
              "--peakcare.rate-limit.rules.open-cases.capacity=0",
              "--spring.datasource.hikari.maximum-pool-size=15",
              "--spring.datasource.hikari.minimum-idle=2");
      try {
        run(db, sms, app, output);
      } finally {
        app.close();
      }
    }
  }

  private void run(PostgresDatabase db, SmsGateway sms, ConfigurableApplicationContext app, CapturedOutput output)
      throws Exception {
    JdbcTemplate jdbc = Faults.jdbc(db);
    int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
    Http http = new Http(port);
    long connectionTimeout = app.getEnvironment().getProperty("spring.datasource.hikari.connection-timeout",
        Long.class, 30_000L);
    String known = aReturnNo();
    Shop.registerOrder(http, known, "80.00", "APPAREL", "REGULAR");
    assertThat(http.post("/api/returns", "shop1", aSmallRefund(known)).statusCode()).isEqualTo(201);

    // the shop registered its orders before (issue 20): opens are what the outage meets, each order registered
    // over HTTP only once these run out
    Queue<String> registered = registeredOrders(app, 600);

    // load: three clients open cases and retry each on 503 until it is opened, as a well-behaved integrator does;
    // three more keep reading a case, the engine's REST API and the health endpoint
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<List<String>>> openers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      openers.add(clients.submit(() -> {
        List<String> opened = new ArrayList<>();
        while (!stop.get()) {
          String ready = registered.poll();
          String returnNo = ready != null ? ready : aReturnNo();
          String body = aSmallRefund(returnNo);
          while (ready == null) {
            Call order = call("order", () -> Shop.putSmallRefundsOrder(http, returnNo));
            if (order.status() == 200 || order.status() == 201) {
              break;
            }
            Thread.sleep(300);
          }
          while (true) {
            Call call = call("open", () -> http.post("/api/returns", "shop1", body));
            if (call.status() == 200 || call.status() == 201) {
              opened.add(returnNo);
              break;
            }
            Thread.sleep(300);
          }
        }
        return opened;
      }));
    }
    Map<String, Supplier<HttpResponse<String>>> probes = Map.of(
        "api", () -> http.get("/api/returns/" + known, "shop1"),
        "engine-rest", () -> http.get("/engine-rest/task/count", "agent1"),
        "health", () -> http.get("/actuator/health", null));
    probes.forEach((what, probe) -> clients.submit(() -> {
      while (!stop.get()) {
        call(what, probe);
        Thread.sleep(100);
      }
      return null;
    }));
    clients.shutdown();
    Thread.sleep(4000);

    int sessionsBefore = Faults.sessions(db);
    Instant goneAt = Instant.now();
    int terminated = Faults.takeAway(db);
    // a login the API has not seen yet needs the database as well
    Call newLogin = call("new login", () -> http.get("/api/me", "cslead"));
    Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.between(goneAt, Instant.now()).toMillis()));
    Instant backAt = Instant.now();
    Faults.giveBack(db);

    await(Duration.ofSeconds(60), "the node serves again",
        () -> succeededAfter("api", backAt) && succeededAfter("engine-rest", backAt)
            && succeededAfter("health", backAt));
    Thread.sleep(3000);
    stop.set(true);
    List<String> returnNos = new ArrayList<>(List.of(known));
    for (Future<List<String>> f : openers) {
      returnNos.addAll(f.get(60, TimeUnit.SECONDS));
    }
    clients.awaitTermination(30, TimeUnit.SECONDS);
    int cases = returnNos.size();

    await(Duration.ofSeconds(120), "every case refunded and every SMS sent",
        () -> count(jdbc, "select count(*) from PC_RETURN_CASE where STATUS = 'CLOSED' and REFUNDED_AT is not null") == cases
            && count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS <> 'SENT'") == 0);

    // during the outage: 503 problem responses with Retry-After, answered within the pool's connection timeout
    List<Call> during = calls.stream()
        .filter(c -> !c.what().equals("health") && c.start().isAfter(goneAt.plusMillis(200))
            && c.end().isBefore(backAt))
        .toList();
    assertThat(during).as("requests answered during the outage").isNotEmpty();
    assertThat(during).allSatisfy(c -> {
      assertThat(c.status()).as(c.what() + ": " + c.body()).isEqualTo(503);
      assertThat(c.contentType()).as(c.what()).startsWith("application/problem+json");
      assertThat(c.retryAfter()).as(c.what() + " Retry-After").isNotNull();
      assertThat(c.body()).as(c.what()).contains("temporarily unavailable");
      assertThat(c.took()).as(c.what() + " answered within the connection timeout")
          .isLessThan(Duration.ofMillis(connectionTimeout + 2000));
    });
    assertThat(during.stream().map(Call::what).distinct()).as("every kind of request was refused properly")
        .contains("open", "api", "engine-rest");
    assertThat(newLogin.status()).as("a new login during the outage: " + newLogin.body()).isEqualTo(503);
    assertThat(newLogin.contentType()).startsWith("application/problem+json");
    // never a 500, before, during or after
    assertThat(calls).filteredOn(c -> !c.what().equals("health")).allSatisfy(c ->
        assertThat(c.status()).as(c.what() + " at " + c.start() + ": " + c.body()).isIn(200, 201, 503));

    // health: DOWN during, UP after
    List<Call> healthDuring = calls.stream().filter(c -> c.what().equals("health")
        && c.start().isAfter(goneAt.plusMillis(200)) && c.end().isBefore(backAt)).toList();
    assertThat(healthDuring).isNotEmpty().allSatisfy(c -> {
      assertThat(c.status()).isEqualTo(503);
      assertThat(c.body()).contains("DOWN");
    });
    HttpResponse<String> healthAfter = http.get("/actuator/health", null);
    assertThat(healthAfter.statusCode()).isEqualTo(200);
    assertThat(healthAfter.body()).contains("UP");

    // nothing half-written: every case row has its process instance and every return-case instance its row
    assertThat(jdbc.queryForList("select RETURN_NO from PC_RETURN_CASE", String.class))
        .containsExactlyInAnyOrderElementsOf(returnNos);
    assertThat(count(jdbc, "select count(*) from PC_RETURN_CASE c where c.PROCESS_INSTANCE_ID is null or not exists"
        + " (select 1 from ACT_HI_PROCINST p where p.ID_ = c.PROCESS_INSTANCE_ID)")).as("cases without process")
        .isZero();
    assertThat(count(jdbc, "select count(*) from ACT_HI_PROCINST p join ACT_RE_PROCDEF d on p.PROC_DEF_ID_ = d.ID_"
        + " where d.KEY_ = 'return-case' and not exists (select 1 from PC_RETURN_CASE c where c.RETURN_NO ="
        + " p.BUSINESS_KEY_)")).as("processes without case").isZero();
    assertThat(count(jdbc, "select count(*) from ACT_HI_PROCINST p join ACT_RE_PROCDEF d on p.PROC_DEF_ID_ = d.ID_"
        + " where d.KEY_ = 'return-case'")).isEqualTo(cases);
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();

    // paid once, sent once (a repeat carries the key of a send whose outcome the database could not record)
    assertThat(jdbc.queryForList("select RETURN_NO from PC_REFUND", String.class))
        .containsExactlyInAnyOrderElementsOf(returnNos);
    List<String> expected = jdbc.queryForList("select NOTICE_KEY from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'",
        String.class);
    assertThat(expected).hasSize(2 * cases);
    assertThat(sms.deliveredKeys()).containsExactlyInAnyOrderElementsOf(expected);
    Map<String, Long> repeated = sms.repeatedKeys();
    for (String key : repeated.keySet()) {
      assertThat(sms.first(key).received()).as(key + ": repeated, so sent when the database went away")
          .isBetween(goneAt.minusSeconds(3), backAt);
    }

    // recovery: the first answer served after connections were allowed again
    Map<String, Duration> recovery = new TreeMap<>();
    for (String what : List.of("api", "engine-rest", "health", "open")) {
      calls.stream().filter(c -> c.what().equals(what) && c.status() < 300 && c.end().isAfter(backAt))
          .map(Call::end).min(Instant::compareTo)
          .ifPresent(end -> recovery.put(what, Duration.between(backAt, end)));
    }
    // what monitoring sees afterwards: the pool's connection timeouts and the 503 answers
    String poolTimeouts = metric(http, "hikaricp.connections.timeout");
    String answered503 = metric(http, "http.server.requests?tag=status:503");
    Map<String, Long> duringByStatus = during.stream()
        .collect(Collectors.groupingBy(c -> c.what() + " " + c.status(), TreeMap::new, Collectors.counting()));
    long slowest = during.stream().mapToLong(c -> c.took().toMillis()).max().orElse(0);
    long stackTraces = output.getAll().lines().filter(l -> l.startsWith("\tat ")).count();
    System.out.printf("""
        DatabaseOutageTest figures:
          outage %.1f s (connections refused, %d of %d sessions terminated); Hikari connection-timeout %d ms
          during the outage: %s; slowest answer %d ms; a new login: %d
          recovered after connections were allowed again (first success): %s
          cases %d, all refunded once; SMS %d delivered once each, %d keys repeated with the same key
          log: %d lines "database unreachable ... answered 503"; %d stack-trace lines in the whole run
          metrics after: hikaricp.connections.timeout %s, http.server.requests status 503 %s
        """,
        Duration.between(goneAt, backAt).toMillis() / 1000.0, terminated, sessionsBefore, connectionTimeout,
        duringByStatus, slowest, newLogin.status(),
        recovery.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms")
            .collect(Collectors.joining(", ")),
        cases, sms.deliveredKeys().size(), repeated.size(),
        output.getAll().lines().filter(l -> l.contains("answered 503")).count(), stackTraces, poolTimeouts,
        answered503);
  }

  /** A metric's first measurement, as /actuator/metrics shows it to an administrator. */
  /** {@code count} small refunds' orders registered in-process as shop1, 100 at a time: their return numbers. */
  private static Queue<String> registeredOrders(ConfigurableApplicationContext app, int count) throws Exception {
    Orders orders = app.getBean(Orders.class);
    ObjectMapper json = app.getBean(ObjectMapper.class);
    Queue<String> returnNos = new ConcurrentLinkedQueue<>();
    List<Orders.Registration> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String returnNo = aReturnNo();
      batch.add(new Orders.Registration(Shop.orderNoOf(returnNo),
          json.readValue(Shop.orderJson(returnNo, "80.00", "APPAREL", "REGULAR"),
              OrderSnapshot.class)));
      returnNos.add(returnNo);
      if (batch.size() == 100 || i == count - 1) {
        orders.register(List.copyOf(batch), Shop.SHOP);
        batch.clear();
      }
    }
    return returnNos;
  }

  private static String metric(Http http, String name) {
    HttpResponse<String> res = http.get("/actuator/metrics/" + name, "demo");
    assertThat(res.statusCode()).as(name + ": " + res.body()).isEqualTo(200);
    java.util.regex.Matcher value = java.util.regex.Pattern
        .compile("\\{\"statistic\":\"(\\w+)\",\"value\":([0-9.E]+)\\}").matcher(res.body());
    return value.find() ? value.group(2) + " (" + value.group(1) + ")" : res.body();
  }

  private boolean succeededAfter(String what, Instant at) {
    synchronized (calls) {
      return calls.stream().anyMatch(c -> c.what().equals(what) && c.status() < 300 && c.start().isAfter(at));
    }
  }

  private Call call(String what, Supplier<HttpResponse<String>> request) {
    Instant start = Instant.now();
    HttpResponse<String> res = request.get();
    Call call = new Call(what, start, Instant.now(), res.statusCode(),
        res.headers().firstValue("Content-Type").orElse(""), res.headers().firstValue("Retry-After").orElse(null),
        res.body());
    calls.add(call);
    return call;
  }
}
