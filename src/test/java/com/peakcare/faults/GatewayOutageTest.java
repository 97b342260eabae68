package com.peakcare.faults;

import static com.peakcare.faults.Faults.aReturnNo;
import static com.peakcare.faults.Faults.aSmallRefund;
import static com.peakcare.faults.Faults.await;
import static com.peakcare.faults.Faults.count;
import static com.peakcare.faults.Faults.percentile;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Issue 13: the notice gateways misbehave while PeakCare runs with its job executor on (one node, PostgreSQL).
 * <ol>
 *   <li>The SMS gateway hangs: it accepts connections and never answers. Each attempt gives up after the read
 *       timeout ({@code peakcare.notice.sms.read-timeout}), the delivery job fails and is retried instead of holding a
 *       job thread, the other asynchronous work (the refunds) goes on, and the API stays responsive (p99 of
 *       {@code GET /api/returns/{no}} printed). When the gateway answers again every SMS is delivered once.</li>
 *   <li>The SMS gateway takes no connection at all (as a host that is down or firewalled): each attempt gives up
 *       after the connect timeout and is retried; afterwards every SMS is delivered once.</li>
 *   <li>The SMTP server is down: e-mail delivery fails and is retried; when it is up again each e-mail arrives
 *       once (counted per Message-ID).</li>
 * </ol>
 * Both in one application start (one JVM, one database) to keep the suite short.
 */
@Tag("own-jvm")
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GatewayOutageTest {

  static final int CONNECT_TIMEOUT_SECONDS = 2;
  static final int READ_TIMEOUT_SECONDS = 3;
  static final Duration HANG = Duration.ofSeconds(15);
  static final int HANG_CASES = 10;
  static final int SMTP_CASES = 5;

  @Test
  void aHungSmsGatewayAndADownSmtpServerDelayNoticesButLoseAndDoubleNone(CapturedOutput output) throws Exception {
    int smtpPort = freePort();
    GreenMail mail = smtp(smtpPort);
    try (PostgresDatabase db = PostgresDatabase.create(); SmsGateway sms = new SmsGateway(0)) {
      ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
          .profiles("postgres")
          .run("--server.port=0",
              "--spring.datasource.url=" + db.url(),
              "--spring.datasource.username=" + db.user(),
              "--spring.jmx.enabled=false",
              "--peakcare.demo=true",
              "--camunda.bpm.job-execution.enabled=true",
              "--camunda.bpm.job-execution.wait-time-in-millis=500",
              "--camunda.bpm.job-execution.max-wait=2000",
              "--peakcare.notice.sms.enabled=true",
              "--peakcare.notice.sms.url=" + sms.url(),
              "--peakcare.notice.sms.api-key=gateway-test",
              "--peakcare.notice.sms.connect-timeout=" + CONNECT_TIMEOUT_SECONDS + "s",
              "--peakcare.notice.sms.read-timeout=" + READ_TIMEOUT_SECONDS + "s",
              "--peakcare.notice.email.enabled=true",
              "--peakcare.notice.email.host=127.0.0.1",
              "--peakcare.notice.email.port=" + smtpPort,
              "--peakcare.notice.email.timeout=3s",
              // retried every 2 s instead of every minute, 30 times before an incident
              "--peakcare.notice.retry-cycle=R30/PT2S",
              "--spring.datasource.hikari.maximum-pool-size=15",
              "--spring.datasource.hikari.minimum-idle=2");
      try {
        JdbcTemplate jdbc = Faults.jdbc(db);
        Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());
        ThreadPoolTaskExecutor jobThreads = app.getBean("camundaTaskExecutor", ThreadPoolTaskExecutor.class);
        int from = output.getAll().length();
        smsGatewayHangs(jdbc, http, sms, mail, jobThreads);
        smsGatewayTakesNoConnection(jdbc, http, sms);
        mail = smtpDownThenUp(jdbc, http, sms, mail, smtpPort);

        // a gateway down is one WARN line per failed attempt, not a stack trace per retry
        List<String> log = output.getAll().substring(from).lines().toList();
        assertThat(log).as("the engine's ERROR per failed delivery").noneMatch(l -> l.contains("ENGINE-16004"));
        System.out.printf("GatewayOutageTest log: %d lines \"not sent over\", %d stack-trace lines%n",
            log.stream().filter(l -> l.contains("not sent over")).count(),
            log.stream().filter(l -> l.startsWith("\tat ")).count());
      } finally {
        app.close();
      }
    } finally {
      mail.stop();
    }
  }

  private void smsGatewayHangs(JdbcTemplate jdbc, Http http, SmsGateway sms, GreenMail mail,
      ThreadPoolTaskExecutor jobThreads) throws Exception {
    List<String> warm = open(http, 3);
    awaitSent(jdbc, "SMS", warm);
    List<Long> before = readLatencies(http, warm, Duration.ofSeconds(4));

    sms.hang();
    Instant hangAt = Instant.now();
    List<String> cases = open(http, HANG_CASES);
    // while it hangs: the API is read all the time, and the job threads are watched
    AtomicBoolean hanging = new AtomicBoolean(true);
    List<int[]> busy = Collections.synchronizedList(new ArrayList<>());
    ExecutorService watch = Executors.newSingleThreadExecutor();
    watch.submit(() -> {
      while (hanging.get()) {
        busy.add(new int[] {jobThreads.getActiveCount(), jobThreads.getMaxPoolSize()});
        Thread.sleep(100);
      }
      return null;
    });
    List<String> all = new ArrayList<>(warm);
    all.addAll(cases);
    List<Long> during = readLatencies(http, all, HANG.minus(Duration.between(hangAt, Instant.now())));

    // the hang delayed only the SMS: the refunds and the e-mails went out meanwhile
    assertThat(count(jdbc, "select count(*) from PC_RETURN_CASE where STATUS = 'CLOSED' and REFUNDED_AT is not null and RETURN_NO in ("
        + in(cases) + ")")).as("cases refunded while the SMS gateway hangs").isEqualTo(HANG_CASES);
    assertThat(count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS' and STATUS = 'SENT'"
        + " and NOTICE_KEY like any (array[" + likeAny(cases) + "])")).as("SMS sent during the hang").isZero();
    // a channel whose last attempt failed: waiting for its retry (outbox: PENDING with the error) or being retried
    assertThat(count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'"
        + " and STATUS in ('FAILED', 'PENDING', 'SENDING')"
        + " and ATTEMPTS > 0 and NOTICE_KEY like any (array[" + likeAny(cases) + "])"))
        .as("SMS deliveries failed and waiting for their retry").isPositive();
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();
    List<SmsGateway.Request> hung = sms.requests().stream().filter(r -> r.outcome() == SmsGateway.Outcome.HUNG)
        .filter(r -> r.done().isBefore(Instant.now().minusMillis(100))).toList();
    assertThat(hung).as("attempts the gateway hung on").isNotEmpty();
    assertThat(hung).as("each attempt gave up after the read timeout").allSatisfy(r ->
        assertThat(r.held()).isLessThan(Duration.ofMillis(READ_TIMEOUT_SECONDS * 1000L + 1500)));
    long maxHeld = hung.stream().mapToLong(r -> r.held().toMillis()).max().orElse(0);
    String hangError = jdbc.queryForObject("select max(LAST_ERROR) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'"
        + " and STATUS in ('FAILED', 'PENDING', 'SENDING')", String.class);
    assertThat(hangError).as("what the operator reads").contains("HttpTimeoutException");
    int saturatedFor = longestRun(busy, 100);
    long p99Before = percentile(before, 99);
    long p99During = percentile(during, 99);
    assertThat(p99During).as("p99 of GET /api/returns/{no} while the SMS gateway hangs, ms").isLessThan(1000);

    sms.recover();
    hanging.set(false);
    watch.shutdown();
    Instant recoveredAt = Instant.now();
    awaitSent(jdbc, "SMS", all);
    Duration caughtUp = Duration.between(recoveredAt, Instant.now());
    List<String> expected = keys(jdbc, "SMS", all);
    assertThat(expected).hasSize(perCase("SMS") * all.size());
    assertThat(sms.deliveredKeys()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sms.requests()).filteredOn(r -> r.outcome() == SmsGateway.Outcome.REPEAT).as("repeats").isEmpty();
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();

    System.out.printf("""
        GatewayOutageTest figures, SMS gateway hangs for %d s (read timeout %d s), %d cases opened meanwhile:
          %d attempts hung, each released by PeakCare after at most %d ms ("%s"); job threads all busy (%d) for at
            most %.1f s in a row; every case refunded during the hang
          GET /api/returns/{no}: p99 %d ms during the hang (%d reads; p50 %d ms), p99 %d ms before (%d reads)
          gateway back: all %d SMS delivered once each %.1f s later; %d requests repeated a delivered key
        """,
        HANG.toSeconds(), READ_TIMEOUT_SECONDS, HANG_CASES, hung.size(), maxHeld, hangError,
        jobThreads.getMaxPoolSize(),
        saturatedFor / 10.0, p99During, during.size(), percentile(during, 50), p99Before, before.size(),
        expected.size(), caughtUp.toMillis() / 1000.0,
        sms.requests().stream().filter(r -> r.outcome() == SmsGateway.Outcome.REPEAT).count());
  }

  private void smsGatewayTakesNoConnection(JdbcTemplate jdbc, Http http, SmsGateway sms) throws Exception {
    sms.refuseConnections();
    Instant refusedAt = Instant.now();
    List<String> cases = open(http, 3);
    await(Duration.ofSeconds(60), "every SMS attempted twice and given up on the connect timeout",
        () -> count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'"
        + " and STATUS in ('FAILED', 'PENDING', 'SENDING')"
            + " and ATTEMPTS >= 2 and LAST_ERROR like '%connect timed out%' and NOTICE_KEY like any (array["
            + likeAny(cases) + "])") == perCase("SMS") * cases.size());
    Duration twoAttempts = Duration.between(refusedAt, Instant.now());
    String error = jdbc.queryForObject("select max(LAST_ERROR) from PC_NOTICE_DELIVERY where CHANNEL = 'SMS'"
        + " and STATUS in ('FAILED', 'PENDING', 'SENDING')", String.class).replaceAll("\\s+", " ");
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();

    sms.recover();
    Instant recoveredAt = Instant.now();
    awaitSent(jdbc, "SMS", cases);
    Duration caughtUp = Duration.between(recoveredAt, Instant.now());
    List<String> expected = keys(jdbc, "SMS", cases);
    assertThat(sms.deliveredKeys()).containsAll(expected);
    // delivered once each; an attempt the client gave up on (connect timeout) just as the gateway took connections
    // again may still have reached it: its retry carries the same Idempotency-Key and the gateway drops it (REPEAT)
    List<SmsGateway.Request> ours = sms.requests().stream().filter(r -> expected.contains(r.key())).toList();
    assertThat(ours).filteredOn(r -> r.outcome() == SmsGateway.Outcome.DELIVERED).as("one delivery per SMS")
        .extracting(SmsGateway.Request::key).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ours).filteredOn(r -> r.outcome() != SmsGateway.Outcome.DELIVERED)
        .as("any other request: a repeat the gateway dropped, from the moment it came back")
        .allSatisfy(r -> {
          assertThat(r.outcome()).isEqualTo(SmsGateway.Outcome.REPEAT);
          assertThat(r.received()).isBetween(recoveredAt, recoveredAt.plusSeconds(10));
        });

    System.out.printf("""
        GatewayOutageTest figures, SMS gateway takes no connection (connect timeout %d s), %d cases opened:
          every SMS attempted twice within %.1f s, each attempt ending with "%s"
          gateway back: all %d SMS delivered once each %.1f s later (%d repeats dropped by the gateway)
        """,
        CONNECT_TIMEOUT_SECONDS, cases.size(), twoAttempts.toMillis() / 1000.0, error, expected.size(),
        caughtUp.toMillis() / 1000.0, ours.size() - expected.size());
  }

  private GreenMail smtpDownThenUp(JdbcTemplate jdbc, Http http, SmsGateway sms, GreenMail mail, int smtpPort)
      throws Exception {
    mail.stop();
    Instant downAt = Instant.now();
    List<String> cases = open(http, SMTP_CASES);
    awaitSent(jdbc, "SMS", cases);
    await(Duration.ofSeconds(60), "every e-mail attempted and failed at least twice, for 8 s at least",
        () -> Duration.between(downAt, Instant.now()).toSeconds() >= 8
            && count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = 'EMAIL'"
            + " and STATUS in ('FAILED', 'PENDING', 'SENDING')"
            + " and ATTEMPTS >= 2 and NOTICE_KEY like any (array[" + likeAny(cases) + "])")
            == perCase("EMAIL") * SMTP_CASES);
    String error = jdbc.queryForObject("select max(LAST_ERROR) from PC_NOTICE_DELIVERY where CHANNEL = 'EMAIL'"
        + " and STATUS in ('FAILED', 'PENDING', 'SENDING')", String.class).replaceAll("\\s+", " ");
    int failedAttempts = count(jdbc, "select coalesce(sum(ATTEMPTS), 0) from PC_NOTICE_DELIVERY where CHANNEL = 'EMAIL'"
        + " and NOTICE_KEY like any (array[" + likeAny(cases) + "])");

    GreenMail again = smtp(smtpPort);
    Instant upAt = Instant.now();
    awaitSent(jdbc, "EMAIL", cases);
    Duration caughtUp = Duration.between(upAt, Instant.now());
    List<String> expected = keys(jdbc, "EMAIL", cases);
    assertThat(expected).hasSize(perCase("EMAIL") * SMTP_CASES);
    Map<String, Long> perNotice = new TreeMap<>();
    for (MimeMessage m : again.getReceivedMessages()) {
      perNotice.merge(m.getHeader("X-PeakCare-Notice", null), 1L, Long::sum);
    }
    assertThat(perNotice.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(perNotice.values()).as("each e-mail once").allSatisfy(n -> assertThat(n).isEqualTo(1));
    assertThat(count(jdbc, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();

    System.out.printf("""
        GatewayOutageTest figures, SMTP server down for %.1f s, %d cases opened meanwhile:
          %d e-mail attempts failed (%s); SMS went out meanwhile
          SMTP back: all %d e-mails arrived once each %.1f s later
        """,
        Duration.between(downAt, upAt).toMillis() / 1000.0, SMTP_CASES, failedAttempts, error, expected.size(),
        caughtUp.toMillis() / 1000.0);
    return again;
  }

  private static List<String> open(Http http, int n) {
    List<String> opened = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String returnNo = aReturnNo();
      com.peakcare.support.Shop.registerOrder(http, returnNo, "80.00", "APPAREL", "REGULAR");
      assertThat(http.post("/api/returns", "shop1", aSmallRefund(returnNo)).statusCode()).isEqualTo(201);
      opened.add(returnNo);
    }
    return opened;
  }

  /** Reads random cases from two clients for the duration; returns each read's time in ms. */
  private static List<Long> readLatencies(Http http, List<String> cases, Duration duration) throws Exception {
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    Instant until = Instant.now().plus(duration);
    ExecutorService clients = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 2; i++) {
      clients.submit(() -> {
        while (Instant.now().isBefore(until)) {
          String returnNo = cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
          long t0 = System.nanoTime();
          int status = http.get("/api/returns/" + returnNo, "shop1").statusCode();
          millis.add((System.nanoTime() - t0) / 1_000_000);
          assertThat(status).isEqualTo(200);
          Thread.sleep(20);
        }
        return null;
      });
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
    return List.copyOf(millis);
  }

  private static void awaitSent(JdbcTemplate jdbc, String channel, List<String> cases) throws InterruptedException {
    await(Duration.ofSeconds(90), "every " + channel + " of " + cases.size() + " cases sent",
        () -> count(jdbc, "select count(*) from PC_NOTICE_DELIVERY where CHANNEL = ? and STATUS = 'SENT'"
            + " and NOTICE_KEY like any (array[" + likeAny(cases) + "])", channel) == perCase(channel) * cases.size());
  }

  /**
   * A small refund's notices per channel: REFUND_CARE and REFUND_DONE by SMS and e-mail (return-case version 5 sends no
   * SURVEY of its own; a case nobody worked gets no 回访 either).
   */
  private static int perCase(String channel) {
    return 2;
  }

  private static List<String> keys(JdbcTemplate jdbc, String channel, List<String> cases) {
    return jdbc.queryForList("select NOTICE_KEY from PC_NOTICE_DELIVERY where CHANNEL = ? and NOTICE_KEY like any"
        + " (array[" + likeAny(cases) + "])", String.class, channel);
  }

  /** The longest run of samples (taken every {@code everyMillis}) in which every job thread was busy. */
  private static int longestRun(List<int[]> samples, int everyMillis) {
    int longest = 0;
    int run = 0;
    synchronized (samples) {
      for (int[] s : samples) {
        run = s[0] >= s[1] ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
    return longest;
  }

  private static String in(List<String> cases) {
    return cases.stream().map(c -> "'" + c + "'").collect(Collectors.joining(","));
  }

  private static String likeAny(List<String> cases) {
    return cases.stream().map(c -> "'" + c + ":%'").collect(Collectors.joining(","));
  }

  private static GreenMail smtp(int port) {
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return mail;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
