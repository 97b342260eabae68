package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aLargeRefund;
import static com.peakcare.returns.ReturnRequests.aRequest;
import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.anExchange;
import static com.peakcare.returns.ReturnRequests.asVip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.peakcare.PeakCareTest;
import com.peakcare.order.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 23, the open's answer: {@code POST /api/returns} answers with the case as its own transaction wrote it, built
 * before the commit instead of read back after it. Whatever path the policy sends a case down at its opening, the
 * answer is the same JSON, byte for byte, as the case read back afterwards ({@code GET /api/returns/{returnNo}}).
 */
@PeakCareTest
class OpenAnswerTest {

  @LocalServerPort int port;
  @Autowired ShopOrders shop;

  @Test
  void theAnswerToAnOpenIsTheCaseAsReadBackAfterwards() throws Exception {
    Http http = new Http(port);
    record Open(ReturnRequest request, String opener) {}
    List<Open> opens = new ArrayList<>(List.of(
        new Open(aReturnForReview(), "shop1"), // review by an agent; refund care promised, its notice sent
        new Open(aSmallRefund(), "shop1"), // approved by the policy; the refund waits for the job executor
        new Open(aLargeRefund(), "shop1"),
        new Open(anExchange(), "shop1"), // no money: no refund care
        new Open(asVip(aReturnForReview()), "shop1"),
        new Open(aRequest(CaseType.REPAIR, Reason.DAMAGED, "300.00", 3, MemberTier.REGULAR, "ELECTRONICS"), "shop1"),
        new Open(aRequest(CaseType.RETURN_AND_REFUND, Reason.NO_REASON, "300.00", 60, MemberTier.REGULAR,
            "APPAREL"), "shop1"), // long after delivery: the policy's answer for a late return
        new Open(aSmallRefund(), "agent1"))); // staff opened it: the automatic approval is withheld
    Set<String> statuses = new HashSet<>();
    for (Open open : opens) {
      ReturnRequest request = shop.registered(open.request());
      HttpResponse<String> opened = http.post("/api/returns", open.opener(),
          ReturnApiTest.JSON.writeValueAsString(request));
      assertThat(opened.statusCode()).as(request.type() + " by " + open.opener()).isEqualTo(201);

      HttpResponse<String> readBack = http.get("/api/returns/" + request.returnNo(), open.opener());
      assertThat(readBack.statusCode()).isEqualTo(200);
      assertThat(opened.body()).as("the answer to opening " + request.type() + " by " + open.opener())
          .isEqualTo(readBack.body());

      JsonNode view = ReturnApiTest.JSON.readTree(opened.body());
      assertThat(view.path("timeline").size()).isGreaterThanOrEqualTo(2); // opened, then what the policy decided
      statuses.add(view.path("status").asText() + (view.path("refund").isMissingNode() ? "" : "+promise")
          + (view.path("openTasks").isEmpty() ? "" : "+task"));
    }
    // the paths above differ in what the answer holds: a review task or none, a refund promise or none
    assertThat(statuses).contains("UNDER_REVIEW+promise+task", "UNDER_REVIEW+task");
    assertThat(statuses.size()).isGreaterThanOrEqualTo(3);
  }
}
