package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.peakcare.PeakCareTest;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeType;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.UpToVersion4;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.survey.ReturnSurveyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An instance of return-case.bpmn version 4 (before issue 23 item 4 and issue 24's 回访 took its survey step), still
 * running after the upgrade: its notice steps call {@code ${sendNoticeDelegate}}, which complaint keeps for one release
 * and hands to returns' notices; it sends its own SURVEY, waits for the integrator's rating, calls a customer who rated
 * low, and gets no second survey from return-survey.bpmn. The version-4 model is deployed from a test resource (the
 * file as it was) and removed after the test, so that every other test runs the current version.
 */
@PeakCareTest
class ReturnCaseVersion4Test {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;

  private String deployment;

  @BeforeEach
  void deployVersion4() throws IOException {
    BpmnAwareTests.init(engine);
    DeploymentBuilder builder = repositoryService.createDeployment().name("return-case version 4 (test)")
        .addClasspathResource("previous-models/return-case-before-oneway.bpmn");
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(f -> f.getFileName().toString().startsWith("return-")).toList()) {
        InputStream in = Files.newInputStream(form);
        builder.addInputStream(form.getFileName().toString(), in);
      }
    }
    deployment = builder.deploy().getId();
  }

  @AfterEach
  void removeVersion4() {
    repositoryService.deleteDeployment(deployment, true, true);
  }

  @Test
  void aVersion4CaseSendsItsOwnSurveyThroughTheOldNoticeStepAndGetsNoSecondOne() {
    ProcessInstance pi = shop.openFromForm(aSmallRefund(), "shop1");
    String returnNo = pi.getBusinessKey();
    assertThat(repositoryService.getProcessDefinition(pi.getProcessDefinitionId()).getVersionTag()).isEqualTo("4");
    execute(job(Elements.TASK_ISSUE_REFUND, pi));

    assertThat(pi).hasPassed(UpToVersion4.TASK_SEND_SURVEY).isWaitingAt(UpToVersion4.GATEWAY_SURVEY);
    assertThat(cases.view(returnNo).status()).as("its survey step keeps the status")
        .isEqualTo(Status.REFUNDED);
    Notice survey = cases.view(returnNo).notices().stream().filter(n -> n.type() == NoticeType.SURVEY).findFirst()
        .orElseThrow(() -> new AssertionError("no SURVEY notice from the old step"));
    assertThat(survey.text()).as("${sendNoticeDelegate} filled it from the case's records").contains("张伟")
        .contains(returnNo).contains("https://peakcare.example/survey");

    cases.surveyAnswered(returnNo, 1, "shop1");

    assertThat(pi).isWaitingAt(Elements.TASK_FOLLOW_UP_CALL); // version 4's rule: a low rating is called back
    complete(task(pi), withVariables(Vars.SATISFIED, true, Vars.NOTE, "已致电 · called"));
    assertThat(pi).hasPassed(Elements.TASK_CLOSE, Elements.END_CLOSED).isEnded();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ReturnSurveyProcess.KEY)
        .processInstanceBusinessKey(returnNo).count()).as("asked once, by its own step").isZero();
  }
}
