package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An agent's shift in the real Tasklist: 我的任务 → the review form with the case's facts → approve. */
@PeakCareTest
class ReturnTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired ReturnCases cases;

  @Test
  void agent1ApprovesAReviewInTasklistAndTheCaseMovesOn() throws Exception {
    cases.open(ReturnRequests.withAssignee(ReturnRequests.aReturnForReview(), "agent1"), "shop1");

    JsonNode seen = RequestFingerprint.JSON.readTree(BrowserScenario.run(port, "agent-review"));

    String returnNo = seen.path("returnNo").asText();
    ReturnCaseView view = cases.view(returnNo);
    assertThat(seen.path("customer").asText()).isEqualTo("张伟");
    assertThat(Double.parseDouble(seen.path("amount").asText())).isEqualTo(view.amount().doubleValue());
    assertThat(view.status()).isEqualTo(ReturnCaseProcess.Status.AWAITING_PARCEL);
    assertThat(view.timeline()).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("agent1");
      assertThat(e.detail()).isEqualTo("Task_ReviewReturnRequest: approved=true");
    });
  }
}
