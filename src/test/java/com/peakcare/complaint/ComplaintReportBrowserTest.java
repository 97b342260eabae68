package com.peakcare.complaint;

import static com.peakcare.complaint.ComplaintFixtures.AGENT;
import static com.peakcare.complaint.ComplaintFixtures.aComplaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.notice.NoticeType;
import com.peakcare.order.MemberTier;
import com.peakcare.support.BrowserScenario;
import com.peakcare.survey.CaseSurveys;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisors' complaint page in Cockpit, in Chromium (e2e/pages.mjs): the after-sales supervisor (the least
 * privileged person it is for) opens it from the navigation and reads counts, promises kept, re-open rate, the times
 * table and satisfaction with n and response rate beside the score, with its three charts; a supervisor of another
 * department gets into Cockpit but not onto this page (authority follows the department).
 */
@PeakCareTest
class ComplaintReportBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("/survey/([A-Za-z0-9_.-]+)");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Complaints complaints;
  @Autowired ComplaintFixtures fixtures;
  @Autowired CaseSurveys surveys;

  @Test
  void theAfterSalesSupervisorReadsTheComplaintPageWithItsChartsAndAnotherDepartmentsSupervisorDoesNot()
      throws Exception {
    init(engine);
    surveyedAndAnswered("2");
    surveyedAndAnswered("5");

    JsonNode page = JSON.readTree(BrowserScenario.run("pages.mjs", port, "complaint-report",
        Map.of("PAGE_USER", "cslead")));

    assertThat(page.path("outcome").asText()).isEqualTo("shown");
    assertThat(Integer.parseInt(page.path("complaints").asText().replaceAll("\\D+", ""))).isGreaterThanOrEqualTo(2);
    assertThat(page.path("promisesKept").asText()).containsPattern("\\d+\\.\\d%（\\d+/\\d+）");
    assertThat(page.path("reopened").asText()).containsPattern("（\\d+/\\d+）");
    assertThat(page.path("satisfaction").asText()).containsPattern("/ 5（n = \\d+）").contains("回复率");
    assertThat(page.path("recovery").asText()).containsPattern("（[1-9]\\d*/\\d+）");
    assertThat(page.path("resolutionLow").asText()).containsPattern("一般 · Low\\s*[1-9]");
    assertThat(page.path("charts").asInt()).isEqualTo(3);
    assertThat(page.path("pageErrors")).isEmpty();

    JsonNode refused = JSON.readTree(BrowserScenario.run("pages.mjs", port, "complaint-report",
        Map.of("PAGE_USER", "opslead")));
    assertThat(refused.path("outcome").asText()).isEqualTo("refused");
    assertThat(refused.path("error").asText()).contains("403");
  }

  /** A LOW complaint agent1 resolved, the customer confirmed, the survey went out and was answered. */
  private void surveyedAndAnswered(String score) {
    String orderNo = fixtures.anOrder(MemberTier.REGULAR, "199.00");
    String no = complaints.open(aComplaint(orderNo, Severity.LOW, "agent1"), "shop1").view().complaintNo();
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(no)
        .processDefinitionKey(ComplaintProcess.KEY).singleResult();
    Task handle = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(Elements.TASK_HANDLE).singleResult();
    fixtures.as("agent1", AGENT, () -> taskService.complete(handle.getId(), Map.of(Vars.ACTION, "RESOLVE",
        Vars.RESOLUTION_KIND, "APOLOGY", Vars.NOTE, "造成这种情况，我们非常抱歉。")));
    complaints.customerConfirmed(no, "好的", "shop1");
    execute(job(Elements.TIMER_SURVEY_DUE, pi));
    String text = complaints.view(no).notices().stream().filter(n -> n.type() == NoticeType.CASE_SURVEY)
        .findFirst().orElseThrow().text();
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).isTrue();
    surveys.answer(m.group(1), score, "yes", List.of(), null);
  }
}
