package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent's shift in the real Tasklist: 我的任务 lists VIP work first; the review form with the case's facts →
 * approve.
 */
@PeakCareTest
class ReturnTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired TaskService tasks;

  @Test
  void anOlderVipReviewComesBeforeANewerOrdinaryOneInMyTasks() throws Exception {
    // above the VIPs' own automatic approval (500): a VIP return for review
    String vip = reviewTask(shop.open(ReturnRequests.withAssignee(ReturnRequests.aRequest(
        ReturnCaseProcess.CaseType.RETURN_AND_REFUND, ReturnCaseProcess.Reason.NO_REASON, "800.00", 3,
        com.peakcare.order.MemberTier.VIP, "APPAREL"), "agent2"), "shop1")
        .view().returnNo());
    Thread.sleep(20); // a later creation time: Tasklist's own sort ("Created", newest first) would put it on top
    String ordinary = reviewTask(shop.open(ReturnRequests.withAssignee(ReturnRequests.aReturnForReview(), "agent2"),
        "shop1").view().returnNo());

    JsonNode seen = RequestFingerprint.JSON.readTree(BrowserScenario.run(port, "my-tasks-order"));

    List<String> ids = seen.path("tasks").findValuesAsText("id");
    assertThat(ids).contains(vip, ordinary);
    assertThat(ids.indexOf(vip)).as("the VIP review above the newer ordinary one").isLessThan(ids.indexOf(ordinary));
    assertThat(tasks.createTaskQuery().taskId(ids.get(0)).singleResult().getPriority())
        .as("the first task in 我的任务 is a high-priority one").isEqualTo(80);
  }

  private String reviewTask(String returnNo) {
    return tasks.createTaskQuery().processInstanceBusinessKey(returnNo)
        .taskDefinitionKey(ReturnCaseProcess.Elements.TASK_REVIEW).singleResult().getId();
  }

  @Test
  void agent1ApprovesAReviewInTasklistAndTheCaseMovesOn() throws Exception {
    ReturnRequest request = ReturnRequests.withAssignee(ReturnRequests.aReturnForReview(), "agent1");
    shop.open(request, "shop1");

    // the card that names this case (another test class may have left agent1 a review of its own)
    JsonNode seen = RequestFingerprint.JSON.readTree(BrowserScenario.run(port, "agent-review",
        java.util.Map.of("RETURN_NO", request.returnNo())));

    String returnNo = seen.path("returnNo").asText();
    ReturnCaseView view = cases.view(returnNo);
    assertThat(seen.path("customer").asText()).isEqualTo("张伟");
    assertThat(returnNo).isEqualTo(request.returnNo());
    // money as the record holds it, shown as text: never a double in a process variable
    assertThat(seen.path("amount").asText()).isEqualTo("¥" + view.amount().toPlainString());
    // words, not codes: the form shows what the case record's codes mean
    assertThat(seen.path("memberTier").asText()).isEqualTo("普通会员 · Regular");
    assertThat(seen.path("type").asText()).isEqualTo("退货退款 · Return and refund");
    assertThat(view.status()).isEqualTo(ReturnCaseProcess.Status.AWAITING_PARCEL);
    assertThat(view.timeline()).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("agent1");
      // the agent's note is the case's: on its timeline (no longer a process variable)
      assertThat(e.detail()).isEqualTo("Task_ReviewReturnRequest: approved=true: 七天无理由，同意退货");
    });
  }
}
