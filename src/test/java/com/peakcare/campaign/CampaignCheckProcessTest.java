package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Elements.*;
import static com.peakcare.campaign.CampaignFixtures.aCampaign;
import static com.peakcare.campaign.CampaignFixtures.aCode;
import static com.peakcare.campaign.CampaignFixtures.cleanItems;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.peakcare.audit.SignOff;
import com.peakcare.audit.SignOffLedger;
import com.peakcare.campaign.CampaignRecords.AllHandsEntry;
import com.peakcare.campaign.CampaignRecords.LedgerEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through campaign-check.bpmn, driven through the engine as the demo users would. */
@PeakCareTest
class CampaignCheckProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired CampaignRegistration registration;
  @Autowired CampaignService campaigns;
  @Autowired SignOffLedger signOffs;
  @Autowired RewardLedger ledger;
  @LocalServerPort int port;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @Test
  void shouldApproveLaunchWhenEveryStageSignsWithoutErrors() {
    String code = aCode();
    ProcessInstance pi = start(code);
    assertThat(pi).isWaitingAt(TASK_SET_UP).task().isAssignedTo("setter1");

    passChecksUpToAllHands(pi);
    List<Task> allHands = allHandsTasks(pi);
    Assertions.assertThat(allHands).extracting(Task::getAssignee)
        .contains("staff1", "staff2", "opslead", "uxlead", "agent1")
        .doesNotContain("setter1", "peer1", "ux1");
    allHands.forEach(t -> sign(t, null, 0, null));

    assertThat(pi).hasPassed(TASK_CLOSE_ALL_HANDS, TASK_APPROVE_LAUNCH, EVENT_LAUNCH_APPROVED)
        .isWaitingAt(TIMER_REPORT_WINDOW_CLOSED);
    Assertions.assertThat(campaigns.require(code).stage()).isEqualTo(Stage.LIVE);
    Assertions.assertThat(campaigns.require(code).launchedAt()).isNotNull();
    List<SignOff> signed = signOffs.forCampaign(code);
    Assertions.assertThat(signed).extracting(SignOff::stage)
        .startsWith("RECHECK", "PEER_CHECK", "UX_CHECK").contains("ALL_HANDS");
    Assertions.assertThat(signed.get(0).meaning()).isEqualTo("set up and re-checked");
    Assertions.assertThat(signed.get(1).meaning()).isEqualTo("checked, no errors");
    Assertions.assertThat(signed).extracting(SignOff::versionHash).containsOnly(campaigns.currentVersion(code).hash());
    Assertions.assertThat(signOffs.verify(code).valid()).isTrue();
    Assertions.assertThat(signOffs.verify(code).checked()).isEqualTo(3 + allHands.size());

    execute(job(TIMER_REPORT_WINDOW_CLOSED, pi));
    assertThat(pi).isEnded().hasPassed(END_CAMPAIGN_CLOSED);
    Assertions.assertThat(campaigns.require(code).stage()).isEqualTo(Stage.CLOSED);
  }

  @Test
  void shouldFineTheCheckersWhenUxConfirmsACustomerReportAfterLaunch() throws Exception {
    String code = aCode();
    ProcessInstance pi = start(code);
    passChecksUpToAllHands(pi);
    allHandsTasks(pi).forEach(t -> sign(t, null, 0, null));
    assertThat(pi).isWaitingAt(TIMER_REPORT_WINDOW_CLOSED);

    HttpResponse<String> res = new Http(port).post("/api/campaigns/" + code + "/customer-reports", "agent1",
        "{\"description\":\"the banner promised 89, the item costs 99\",\"customer\":\"order 1042\"}");
    Assertions.assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    assertThat(pi).isWaitingAt(TIMER_REPORT_WINDOW_CLOSED, TASK_CONFIRM_CUSTOMER_REPORT);
    Task confirm = task(TASK_CONFIRM_CUSTOMER_REPORT, pi);
    assertThat(confirm).hasCandidateGroup("ux");
    Assertions.assertThat(engine.getFormService().getTaskFormVariables(confirm.getId())
        .get(CampaignCheckProcess.Vars.REPORTED_NOTES)).isEqualTo("the banner promised 89, the item costs 99");
    complete(confirm, "uxlead", Map.of(CampaignCheckProcess.Vars.CONFIRMED_COUNT, 1));

    assertThat(pi).hasPassed(END_CUSTOMER_REPORT_SETTLED).isWaitingAt(TIMER_REPORT_WINDOW_CLOSED);
    List<LedgerEntry> entries = ledger.find(code, null);
    Assertions.assertThat(entries).extracting(LedgerEntry::person, LedgerEntry::kind, LedgerEntry::amount)
        .containsExactlyInAnyOrder(
            Assertions.tuple("setter1", "FINE", new BigDecimal("100.00")),
            Assertions.tuple("peer1", "FINE", new BigDecimal("100.00")),
            Assertions.tuple("ux1", "FINE", new BigDecimal("100.00")),
            Assertions.tuple("opslead", "SUPERIOR_FINE", new BigDecimal("50.00")),
            Assertions.tuple("opslead", "SUPERIOR_FINE", new BigDecimal("50.00")),
            Assertions.tuple("uxlead", "SUPERIOR_FINE", new BigDecimal("50.00")));
    Assertions.assertThat(campaigns.require(code).stage()).isEqualTo(Stage.LIVE);
    Assertions.assertThat(signOffs.forCampaign(code)).last().satisfies(s -> {
      Assertions.assertThat(s.stage()).isEqualTo("CUSTOMER_REPORT_CONFIRMATION");
      Assertions.assertThat(s.meaning()).isEqualTo("confirmed error: 1 of 1 reported");
    });
    Assertions.assertThat(signOffs.verify(code).valid()).isTrue();
  }

  @Test
  void shouldSendBackToSetterWhenRecheckFindsErrors() {
    ProcessInstance pi = start(aCode());
    complete(pi, TASK_SET_UP, null, Map.of());
    sign(task(TASK_RECHECK, pi), null, 1, "banner price is wrong");
    assertThat(pi).hasPassed(TASK_RECHECK).isWaitingAt(TASK_SET_UP);
  }

  @Test
  void shouldSendBackToSetterAndCheckTheNewVersionAgainWhenPeerFindsErrors() {
    String code = aCode();
    ProcessInstance pi = start(code);
    complete(pi, TASK_SET_UP, null, Map.of());
    sign(task(TASK_RECHECK, pi), null, 0, null);
    String v1 = campaigns.currentVersion(code).hash();
    sign(task(TASK_PEER_CHECK, pi), "peer1", 2, "gift value and banner text disagree");
    assertThat(pi).isWaitingAt(TASK_SET_UP);

    // the fix: a changed banner text makes version 2 with a new hash
    String fixed = CampaignService.pretty(List.of(cleanItems().get(0), new CampaignItem("banner-1", "banner",
        "主会场入口图 到手价99元", null, null, null, new BigDecimal("99"), new BigDecimal("99"), "TEA-02")));
    complete(pi, TASK_SET_UP, null, Map.of(CampaignCheckProcess.Vars.ITEMS_JSON, fixed));
    Assertions.assertThat(campaigns.require(code).currentVersion()).isEqualTo(2);
    String v2 = campaigns.currentVersion(code).hash();
    Assertions.assertThat(v2).isNotEqualTo(v1);
    assertThat(pi).isWaitingAt(TASK_RECHECK);
    sign(task(TASK_RECHECK, pi), null, 0, null);
    sign(task(TASK_PEER_CHECK, pi), "opslead", 0, null);
    assertThat(pi).isWaitingAt(TASK_UX_CHECK);
    Assertions.assertThat(signOffs.latest(code, "PEER_CHECK", v1).orElseThrow().meaning())
        .isEqualTo("checked, 2 errors found");
    Assertions.assertThat(signOffs.latest(code, "PEER_CHECK", v2).orElseThrow().signerId()).isEqualTo("opslead");
  }

  @Test
  void shouldSendBackToSetterWhenUxFindsErrors() {
    ProcessInstance pi = start(aCode());
    complete(pi, TASK_SET_UP, null, Map.of());
    sign(task(TASK_RECHECK, pi), null, 0, null);
    sign(task(TASK_PEER_CHECK, pi), "peer1", 0, null);
    sign(task(TASK_UX_CHECK, pi), "ux1", 1, "the banner's font hides the threshold");
    assertThat(pi).hasPassed(TASK_UX_CHECK).isWaitingAt(TASK_SET_UP);
  }

  @Test
  void shouldRewardFinderAndFineCheckersWhenUxConfirmsAnAllHandsError() throws Exception {
    String code = aCode();
    ProcessInstance pi = start(code);
    passChecksUpToAllHands(pi);
    for (Task t : allHandsTasks(pi)) {
      sign(t, null, t.getAssignee().equals("staff1") ? 2 : 0, t.getAssignee().equals("staff1")
          ? "gift-1: the cup is sold for 148 elsewhere; banner-1 lacks 元" : null);
    }
    assertThat(pi).isWaitingAt(TASK_CONFIRM_ALL_HANDS_ERRORS);

    // ux1 checked this version and would be fined: refused; uxlead confirms one of the two
    Task confirm = task(TASK_CONFIRM_ALL_HANDS_ERRORS, pi);
    assertThatThrownBy(() -> tasks.claim(confirm.getId(), "ux1")).hasMessageContaining("Four-eyes");
    assertThatThrownBy(() -> tasks.claim(confirm.getId(), "staff1")).hasMessageContaining("reported these errors");
    assertThatThrownBy(() -> complete(confirm, "uxlead", Map.of(CampaignCheckProcess.Vars.CONFIRMED_COUNT, 3)))
        .hasMessageContaining("confirmedCount");
    complete(confirm, "uxlead", Map.of(CampaignCheckProcess.Vars.CONFIRMED_COUNT, 1));

    assertThat(pi).hasPassed(TASK_CONFIRM_ALL_HANDS_ERRORS).isWaitingAt(TASK_SET_UP);
    List<LedgerEntry> entries = ledger.find(code, null);
    Assertions.assertThat(entries).extracting(LedgerEntry::person, LedgerEntry::kind, LedgerEntry::amount)
        .containsExactlyInAnyOrder(
            Assertions.tuple("staff1", "REWARD", new BigDecimal("50.00")),
            Assertions.tuple("setter1", "FINE", new BigDecimal("100.00")),
            Assertions.tuple("peer1", "FINE", new BigDecimal("100.00")),
            Assertions.tuple("ux1", "FINE", new BigDecimal("100.00")),
            Assertions.tuple("opslead", "SUPERIOR_FINE", new BigDecimal("50.00")),
            Assertions.tuple("opslead", "SUPERIOR_FINE", new BigDecimal("50.00")),
            Assertions.tuple("uxlead", "SUPERIOR_FINE", new BigDecimal("50.00")));
    Assertions.assertThat(entries).filteredOn(e -> e.kind().equals("SUPERIOR_FINE"))
        .extracting(LedgerEntry::onBehalfOf).containsExactlyInAnyOrder("setter1", "peer1", "ux1");
    // per person: each sees their own entries; auditors see everyone's
    Http http = new Http(port);
    JsonNode mine = JSON.readTree(http.get("/api/campaign-ledger?campaign=" + code, "setter1").body());
    Assertions.assertThat(mine.findValuesAsText("person")).containsExactly("setter1");
    Assertions.assertThat(JSON.readTree(http.get("/api/campaign-ledger?campaign=" + code, "auditor1").body()))
        .hasSize(7);
    JsonNode asFinder = JSON.readTree(http.get("/api/campaigns/" + code, "staff1").body());
    Assertions.assertThat(asFinder.path("ledger").findValuesAsText("kind")).containsExactly("REWARD");
    Assertions.assertThat(asFinder.path("ledgerTotals").path("rewards").decimalValue()).isEqualByComparingTo("50");
    Assertions.assertThat(JSON.readTree(http.get("/api/campaign-ledger?person=opslead", "auditor1").body())
        .findValuesAsText("kind")).contains("SUPERIOR_FINE");
    SignOff confirmation = signOffs.forCampaign(code).stream()
        .filter(s -> s.stage().equals("ERROR_CONFIRMATION")).findFirst().orElseThrow();
    Assertions.assertThat(confirmation.meaning()).isEqualTo("confirmed error: 1 of 2 reported");
    Assertions.assertThat(confirmation.signerId()).isEqualTo("uxlead");
  }

  @Test
  void shouldCloseOpenAllHandsTasksWithoutSignOffAtTheDeadlineAndStillLaunch() {
    String code = aCode();
    ProcessInstance pi = start(code);
    passChecksUpToAllHands(pi);
    List<Task> allHands = allHandsTasks(pi);
    sign(allHands.get(0), null, 0, null);
    sign(allHands.get(1), null, 0, null);

    execute(job(TIMER_ALL_HANDS_DEADLINE, pi));

    assertThat(pi).hasPassed(TASK_CLOSE_ALL_HANDS, TASK_APPROVE_LAUNCH)
        .isWaitingAt(TIMER_REPORT_WINDOW_CLOSED, TASK_FOLLOW_UP_UNSIGNED_ALL_HANDS);
    Task followUp = task(TASK_FOLLOW_UP_UNSIGNED_ALL_HANDS, pi);
    assertThat(followUp).hasCandidateGroup("supervisors");
    Assertions.assertThat(followUp.getName()).contains("全员检核 · All-hands check");
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_ALL_HANDS_CHECK)
        .count()).isZero();
    List<AllHandsEntry> roll = campaigns.allHands(code);
    Assertions.assertThat(roll).filteredOn(e -> e.status().equals("SIGNED")).hasSize(2);
    Assertions.assertThat(roll).filteredOn(e -> e.status().equals("CLOSED_UNSIGNED")).hasSize(allHands.size() - 2)
        .allSatisfy(e -> Assertions.assertThat(e.closedAt()).isNotNull());
    Assertions.assertThat(signOffs.forCampaign(code)).filteredOn(s -> s.stage().equals("ALL_HANDS")).hasSize(2);
    complete(followUp, "cslead", Map.of());
    assertThat(pi).hasPassed(END_UNSIGNED_FOLLOWED_UP).isWaitingAt(TIMER_REPORT_WINDOW_CLOSED);
  }

  @Test
  void shouldEscalateToSupervisorsWhenPeerCheckIsOverdue() {
    ProcessInstance pi = start(aCode());
    complete(pi, TASK_SET_UP, null, Map.of());
    sign(task(TASK_RECHECK, pi), null, 0, null);

    execute(job(TIMER_PEER_CHECK_OVERDUE, pi));

    assertThat(pi).isWaitingAt(TASK_PEER_CHECK, TASK_FOLLOW_UP_OVERDUE);
    Task followUp = task(TASK_FOLLOW_UP_OVERDUE, pi);
    assertThat(followUp).hasCandidateGroup("supervisors");
    Assertions.assertThat(followUp.getName()).contains("队友检核 · Peer check");
    complete(followUp, "opslead", Map.of());
    assertThat(pi).hasPassed(END_OVERDUE_FOLLOWED_UP).isWaitingAt(TASK_PEER_CHECK);
  }

  @Test
  void shouldBlockLaunchWhileAPreCheckFindingIsOpenAndApproveOnceJustified() {
    String code = aCode();
    List<CampaignItem> items = List.of(cleanItems().get(0), new CampaignItem("cup", "gift",
        "单笔实付满118元送148元保温杯", new BigDecimal("118"), new BigDecimal("148"), null, null, null, null));
    ProcessInstance pi = startWith(code, items);
    Assertions.assertThat(campaigns.openFindings(code)).extracting(CampaignRecords.Finding::code)
        .containsExactly("GIFT_EXCEEDS_THRESHOLD");
    Assertions.assertThat((String) engine.getFormService().getTaskFormVariables(task(TASK_SET_UP, pi).getId())
        .get(CampaignCheckProcess.Vars.PRECHECK_FINDINGS)).contains("GIFT_EXCEEDS_THRESHOLD").contains("[OPEN]");

    passChecksUpToAllHands(pi);
    allHandsTasks(pi).forEach(t -> sign(t, null, 0, null));
    assertThat(pi).hasPassed(TASK_APPROVE_LAUNCH).isWaitingAt(TASK_SET_UP);
    Assertions.assertThat(campaigns.require(code).blockedReason()).contains("GIFT_EXCEEDS_THRESHOLD (cup)");

    complete(pi, TASK_SET_UP, null, Map.of(CampaignCheckProcess.Vars.JUSTIFICATION,
        "the cup is a sample worth 20 at cost; the 148 is its shelf price"));
    Assertions.assertThat(campaigns.openFindings(code)).isEmpty();
    sign(task(TASK_RECHECK, pi), null, 0, null);
    sign(task(TASK_PEER_CHECK, pi), "peer1", 0, null);
    sign(task(TASK_UX_CHECK, pi), "ux1", 0, null);
    allHandsTasks(pi).forEach(t -> sign(t, null, 0, null));
    assertThat(pi).isWaitingAt(TIMER_REPORT_WINDOW_CLOSED);
  }

  @Test
  void shouldRefuseCheckFormsWithoutAValidErrorCountOrNotes() {
    ProcessInstance pi = start(aCode());
    complete(pi, TASK_SET_UP, null, Map.of());
    Task recheck = task(TASK_RECHECK, pi);
    assertThatThrownBy(() -> complete(recheck, null, Map.of())).hasMessageContaining("errorCount");
    assertThatThrownBy(() -> complete(recheck, null, Map.of("errorCount", -1))).hasMessageContaining("errorCount");
    assertThatThrownBy(() -> complete(recheck, null, Map.of("errorCount", 1.5))).hasMessageContaining("errorCount");
    assertThatThrownBy(() -> complete(recheck, null, Map.of("errorCount", 2))).hasMessageContaining("errorNotes");
    assertThat(pi).isWaitingAt(TASK_RECHECK);
    Assertions.assertThat(signOffs.forCampaign(campaigns.require(pi.getBusinessKey()).code())).isEmpty();
    complete(recheck, null, Map.of("errorCount", 0L));
    assertThat(pi).isWaitingAt(TASK_PEER_CHECK);
  }

  @Test
  void shouldRefuseTheSetterAtThePeerCheck() {
    String code = aCode();
    ProcessInstance pi = start(code);
    complete(pi, TASK_SET_UP, null, Map.of());
    sign(task(TASK_RECHECK, pi), null, 0, null);
    Task peer = task(TASK_PEER_CHECK, pi);
    assertThat(peer).hasCandidateUser("peer1").hasCandidateUser("opslead");
    Assertions.assertThat(tasks.getIdentityLinksForTask(peer.getId()))
        .noneMatch(l -> "setter1".equals(l.getUserId()));

    assertThatThrownBy(() -> tasks.claim(peer.getId(), "setter1")).hasMessageContaining("Four-eyes");
    // with the engine's authorization on (Tasklist, /engine-rest) the setter cannot even see the task: the refusal
    // says so in a sentence, without a permission dump
    assertThatThrownBy(() -> completeAs("setter1", List.of("ops", "all-staff"), peer, Map.of("errorCount", 0)))
        .hasMessageContaining("not yours to work on").hasMessageNotContaining("TASK_WORK");
    assertThat(pi).isWaitingAt(TASK_PEER_CHECK);
    Assertions.assertThat(signOffs.forCampaign(code)).extracting(SignOff::stage).containsExactly("RECHECK");

    tasks.claim(peer.getId(), "peer1");
    completeAs("peer1", List.of("ops", "all-staff"), peer, Map.of("errorCount", 0));
    assertThat(pi).isWaitingAt(TASK_UX_CHECK);
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private ProcessInstance start(String code) {
    return startWith(code, cleanItems());
  }

  private ProcessInstance startWith(String code, List<CampaignItem> items) {
    registration.start(aCampaign(code, items), "setter1");
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignCheckProcess.KEY).singleResult();
  }

  private void passChecksUpToAllHands(ProcessInstance pi) {
    complete(pi, TASK_SET_UP, null, Map.of());
    sign(task(TASK_RECHECK, pi), null, 0, null);
    sign(task(TASK_PEER_CHECK, pi), "peer1", 0, null);
    sign(task(TASK_UX_CHECK, pi), "ux1", 0, null);
    assertThat(pi).hasPassed(TASK_OPEN_ALL_HANDS).isWaitingAt(TASK_ALL_HANDS_CHECK);
  }

  private List<Task> allHandsTasks(ProcessInstance pi) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_ALL_HANDS_CHECK).list();
  }

  private void complete(ProcessInstance pi, String taskKey, String claimer, Map<String, Object> vars) {
    complete(task(taskKey, pi), claimer, vars);
  }

  private void complete(Task task, String claimer, Map<String, Object> vars) {
    if (claimer != null && task.getAssignee() == null) {
      tasks.claim(task.getId(), claimer);
    }
    tasks.complete(task.getId(), vars);
  }

  private void sign(Task task, String claimer, int errors, String notes) {
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put(CampaignCheckProcess.Vars.ERROR_COUNT, errors);
    vars.put(CampaignCheckProcess.Vars.ERROR_NOTES, notes);
    complete(task, claimer, vars);
  }

  private void completeAs(String user, List<String> groups, Task task, Map<String, Object> vars) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      tasks.complete(task.getId(), vars);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
