package com.peakcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's walk-throughs ({@code walkthroughs/*.sh}) run green against a fresh instance: PeakCare as
 * {@code mvn spring-boot:run} starts it (the embedded default: demo users, job executor on, notices in-app only), on an
 * empty in-memory H2 database and a random port. Each script runs as a reader would run it, {@code bash
 * walkthroughs/X.sh} with {@code BASE_URL}, must exit 0 within 3 minutes and end on its own closing line; its output is
 * shown when it does not. Then every script runs a second time on the same database, as a reader trying it again
 * would.
 */
@Tag("own-jvm")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:walkthroughs;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "peakcare.audit.key-file=target/walkthroughs/audit-signing.key",
    "spring.jmx.enabled=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkthroughScriptsTest {

  private static final long TIMEOUT_MINUTES = 3;

  /** Each script's closing line: what it proves. */
  private static final Map<String, String> LAST_LINE = Map.of(
      "returns", "returns: case R-\\d+ closed",
      "campaign", "campaign: D11-\\d+ LIVE, briefing ALL_READY: every agent ready \\(agent1,agent2,cslead,cslead2\\)",
      "notices", "notices: case R-\\d+: notices REFUND_CARE,REFUND_DONE delivered \\(SENT,SENT\\)",
      "broadcast", "broadcast: broadcast [0-9a-f-]{36} done: 1 customer told once",
      "reviews", "reviews: cycle RC-\\d{8}-\\d{6}(-\\d+)?: LOGISTICS to whlead, action recorded",
      "money", "money: case R-\\d+ REFUNDED: second approval by cslead2, destination change asked by cslead and "
          + "approved by cslead2",
      "complaints", "complaints: complaint C-\\d+ CLOSED: promise kept true, confirmed by the customer",
      "reminders", "reminders: campaign RW-\\d+: \\d+ held out got nothing, \\d+ in the reminded group; verdict "
          + "STILL_COLLECTING \\(not final\\)",
      "survey", "survey: case R-\\d+ surveyed once: score 5 recorded, a second answer on the same link refused "
          + "\\(409\\)");

  @LocalServerPort int port;

  @Test
  @Order(1)
  void aReturnCaseGoesFromOpenToClosed() throws Exception {
    run("returns");
  }

  @Test
  @Order(2)
  void aCampaignGoesLiveAndEveryAgentPassesTheBriefingQuiz() throws Exception {
    run("campaign");
  }

  @Test
  @Order(3)
  void theRefundCareNoticesReachTheCustomerAndThePromiseIsKept() throws Exception {
    run("notices");
  }

  @Test
  @Order(4)
  void aLogisticsDelayBroadcastTellsTheCustomerItHitsOnce() throws Exception {
    run("broadcast");
  }

  @Test
  @Order(5)
  void aReviewCycleGivesTheLogisticsProblemsToTheWarehousesLead() throws Exception {
    run("reviews");
  }

  @Test
  @Order(6)
  void aLargeRefundNeedsTwoSupervisorsAndItsDestinationChangeAnother() throws Exception {
    run("money");
  }

  @Test
  @Order(6)
  void aComplaintIsPromisedPausedResolvedAndClosedByTheCustomer() throws Exception {
    run("complaints");
  }

  @Test
  @Order(7)
  void aWaveOfUnpaidOrdersIsRemindedAndTheHoldOutGetsNothing() throws Exception {
    run("reminders");
  }

  @Test
  @Order(7)
  void aWorkedReturnCasesSurveyLinkIsReadShownAndAnsweredOnce() throws Exception {
    run("survey");
  }

  @Test
  @Order(8)
  void everyWalkthroughRunsAgainOnTheSameDatabase() throws Exception {
    for (String script : List.of("returns", "campaign", "notices", "broadcast", "reviews", "money", "complaints",
        "reminders", "survey")) {
      run(script);
    }
  }

  /** Runs walkthroughs/{name}.sh against this instance: exit code 0, and its closing line. */
  private void run(String name) throws IOException, InterruptedException {
    Path out = Files.createTempFile("walkthrough-" + name + "-", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder("bash", "walkthroughs/" + name + ".sh")
          .redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().put("BASE_URL", "http://127.0.0.1:" + port);
      Process script = pb.start();
      boolean exited = script.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!exited) {
        script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      System.out.println(output);
      assertThat(exited).as("walkthroughs/%s.sh finished within %d minutes; its output:%n%s", name,
          TIMEOUT_MINUTES, output).isTrue();
      assertThat(script.exitValue()).as("exit code of walkthroughs/%s.sh; its output:%n%s", name, output)
          .isZero();
      List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as("output of walkthroughs/%s.sh", name).isNotEmpty();
      assertThat(lines.get(lines.size() - 1)).as("last line of walkthroughs/%s.sh; its output:%n%s", name, output)
          .matches(LAST_LINE.get(name));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
