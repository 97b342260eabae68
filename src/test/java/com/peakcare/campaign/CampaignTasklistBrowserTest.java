package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignFixtures.aCampaign;
import static com.peakcare.campaign.CampaignFixtures.aCode;
import static com.peakcare.campaign.CampaignFixtures.cleanItems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.BrowserScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Campaign checks in the real Tasklist: setter1 starts one with two item rows; peer1 claims and signs the peer check
 * from 待认领; setter1 never sees a UX check.
 */
@PeakCareTest
class CampaignTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired CampaignRegistration registration;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired CampaignService campaigns;

  @Test
  void peer1ClaimsAndSignsThePeerCheckFromTheGroupFilter() throws Exception {
    String code = aCode();
    registration.start(aCampaign(code, cleanItems()), "setter1");
    complete(code, CampaignCheckProcess.Elements.TASK_SET_UP, Map.of());
    complete(code, CampaignCheckProcess.Elements.TASK_RECHECK, Map.of(CampaignCheckProcess.Vars.ERROR_COUNT, 0));

    JsonNode seen = new ObjectMapper().readTree(BrowserScenario.run(port, "peer-check"));

    // the browser took the first peer check in the list: find the campaign it showed, then its signed check
    List<HistoricTaskInstance> signed = history.createHistoricTaskInstanceQuery()
        .taskDefinitionKey(CampaignCheckProcess.Elements.TASK_PEER_CHECK).taskAssignee("peer1").finished().list();
    assertThat(signed).anySatisfy(t -> assertThat(seen.path("summary").asText())
        .contains(history.createHistoricProcessInstanceQuery().processInstanceId(t.getProcessInstanceId())
            .singleResult().getBusinessKey()));
  }

  @Test
  void setter1DoesNotSeeTheUxCheck() throws Exception {
    String atUx = aCode();
    registration.start(aCampaign(atUx, cleanItems()), "setter1");
    complete(atUx, CampaignCheckProcess.Elements.TASK_SET_UP, Map.of());
    complete(atUx, CampaignCheckProcess.Elements.TASK_RECHECK, Map.of(CampaignCheckProcess.Vars.ERROR_COUNT, 0));
    Task peer = task(atUx, CampaignCheckProcess.Elements.TASK_PEER_CHECK);
    tasks.claim(peer.getId(), "peer1");
    tasks.complete(peer.getId(), Map.of(CampaignCheckProcess.Vars.ERROR_COUNT, 0));
    Task ux = task(atUx, CampaignCheckProcess.Elements.TASK_UX_CHECK);
    assertThat(ux.getDueDate()).as("checks carry the stage SLA as their due date").isInTheFuture();
    registration.start(aCampaign(aCode(), cleanItems()), "setter1"); // setter1's own set-up is waiting

    JsonNode seen = new ObjectMapper().readTree(BrowserScenario.run(port, "setter-task-names"));

    List<String> all = new ArrayList<>();
    seen.path("names").forEach(list -> list.forEach(n -> all.add(n.asText())));
    assertThat(seen.path("names").path("我的任务 · My tasks").toString()).contains("设置 / 修正活动 · Set up or fix campaign");
    assertThat(all).noneMatch(n -> n.contains("用户体验检核"));
  }

  @Test
  void setter1StartsACampaignInTasklistWithTwoItemRowsAndSeesThePreCheckFindings() throws Exception {
    JsonNode seen = new ObjectMapper().readTree(BrowserScenario.run(port, "campaign-start"));

    String code = seen.path("code").asText();
    CampaignRecords.Campaign campaign = campaigns.require(code);
    assertThat(campaign.setter()).isEqualTo("setter1");
    assertThat(campaigns.currentVersion(code).items())
        .extracting(CampaignItem::id, CampaignItem::type, CampaignItem::text)
        .containsExactly(
            tuple("banner-1", "banner", "主会场入口图 到手价89"),
            tuple("gift-1", "gift", "单笔实付满199元送248元保温杯"));
    assertThat(campaigns.openFindings(code)).extracting(CampaignRecords.Finding::code, CampaignRecords.Finding::itemId)
        .containsExactlyInAnyOrder(tuple(PreCheck.BANNER_PRICE_MISMATCH, "banner-1"),
            tuple(PreCheck.GIFT_EXCEEDS_THRESHOLD, "gift-1"));
    Task setUp = task(code, CampaignCheckProcess.Elements.TASK_SET_UP);
    assertThat(setUp.getAssignee()).isEqualTo("setter1");
    // what setter1 then saw in this campaign's set-up form: the findings and the two items as rows
    assertThat(seen.path("setupTaskId").asText()).isEqualTo(setUp.getId());
    assertThat(seen.path("findings").asText()).contains("GIFT_EXCEEDS_THRESHOLD", "BANNER_PRICE_MISMATCH");
    assertThat(seen.path("setupRows").asInt()).isEqualTo(2);
  }

  private Task task(String code, String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult();
  }

  private void complete(String code, String key, Map<String, Object> vars) {
    tasks.complete(task(code, key).getId(), vars);
  }
}
