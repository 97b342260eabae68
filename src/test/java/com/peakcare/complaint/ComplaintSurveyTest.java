package com.peakcare.complaint;

import static com.peakcare.complaint.ComplaintFixtures.AGENT;
import static com.peakcare.complaint.ComplaintFixtures.LEAD;
import static com.peakcare.complaint.ComplaintFixtures.aComplaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.peakcare.PeakCareTest;
import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.complaint.ComplaintProcess.Status;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.complaint.ComplaintView.TimelineStep;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeType;
import com.peakcare.order.MemberTier;
import com.peakcare.support.Http;
import com.peakcare.survey.CaseKind;
import com.peakcare.survey.CaseSurveys;
import com.peakcare.survey.SurveyAnswer;
import com.peakcare.survey.SurveyReason;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 回访 after a complaint (issue 24 point 7): every path after the survey goes out (a good answer, a low score, "not
 * solved", no answer until the link expires), and the link attacked as the customer who has no login: a GET (even
 * with a score in its query) never records, a POST records once, a tampered or foreign token answers nothing, a score
 * outside 1–5 is a problem naming the field.
 */
@PeakCareTest
class ComplaintSurveyTest {

  private static final Pattern LINK = Pattern.compile("/survey/([A-Za-z0-9_.-]+)");

  @LocalServerPort int port;
  @Autowired ComplaintNoticeFacts noticeFacts;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Complaints complaints;
  @Autowired ComplaintFixtures fixtures;
  @Autowired CaseSurveys surveys;
  @Autowired JdbcTemplate jdbc;
  @Autowired List<com.peakcare.retention.RetentionRule> retention;
  Http http;

  @BeforeEach
  void setUp() {
    init(engine);
    http = new Http(port);
  }

  // ---- the process after the survey went out ------------------------------------------------------------------

  @Test
  void shouldCloseSurveyedWhenTheCustomerIsSatisfied() {
    ProcessInstance pi = surveyed();
    String no = pi.getBusinessKey();
    String token = token(no);

    HttpResponse<String> page = http.send(http.request("/survey/" + token, null).GET().build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("您对我们的处理满意吗", no, "method=\"post\"");

    HttpResponse<String> posted = post(token, "score=5&solved=yes&comment=" + enc("很好，谢谢"));

    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).contains("谢谢您的评价");
    assertThat(pi).hasPassed(Elements.EVENT_SURVEY_ANSWERED, Elements.END_SURVEYED)
        .hasNotPassed(Elements.TASK_RECOVER).isEnded();
    SurveyAnswer answer = surveys.answerOf(CaseKind.COMPLAINT, no).orElseThrow();
    assertThat(answer.score()).isEqualTo(5);
    assertThat(answer.comment()).isEqualTo("很好，谢谢");
    assertThat(answer.workedBy()).isEqualTo("agent1");
    assertThat(complaints.view(no).status()).isEqualTo(Status.CLOSED);
  }

  @Test
  void shouldGiveTheSuperiorARecoveryTaskOnALowScore() {
    ProcessInstance pi = surveyed();
    String no = pi.getBusinessKey();

    assertThat(post(token(no), "score=2&solved=yes&reasons=SLOW&reasons=ATTITUDE").statusCode()).isEqualTo(200);

    assertThat(pi).hasPassed(Elements.GATEWAY_RECOVERY_NEEDED).isWaitingAt(Elements.TASK_RECOVER);
    Task recovery = taskAt(pi, Elements.TASK_RECOVER);
    assertThat(recovery).isAssignedTo("cslead"); // agent1's superior in the staff directory
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, no).orElseThrow().reasons())
        .containsExactly(SurveyReason.SLOW, SurveyReason.ATTITUDE);
    assertThat(fixtures.as("cslead", LEAD, () -> engine.getFormService().getTaskFormVariables(recovery.getId())
        .getValueTyped(Vars.SURVEY_ANSWER).getValue().toString())).contains("2/5", "处理太慢");

    assertThatThrownBy(() -> fixtures.as("agent1", AGENT, () -> taskService.complete(recovery.getId(),
        Map.of(Vars.RECOVERY_NOTE, "我自己处理了")))).as("the agent does not close their own bad score")
        .isInstanceOf(Refusal.Forbidden.class);
    assertThatThrownBy(() -> fixtures.as("cslead", LEAD, () -> taskService.complete(recovery.getId(), Map.of())))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining(Vars.RECOVERY_NOTE);

    fixtures.as("cslead", LEAD, () -> taskService.complete(recovery.getId(), Map.of(Vars.RECOVERY_NOTE,
        "电话联系客户，道歉并补发了优惠券")));

    assertThat(pi).hasPassed(Elements.END_RECOVERED).isEnded();
    assertThat(complaints.view(no).timeline()).extracting(TimelineStep::event).contains("RECOVERED");
  }

  @Test
  void shouldGiveTheSuperiorARecoveryTaskWhenNotSolvedWhateverTheScore() {
    ProcessInstance pi = surveyed();

    assertThat(post(token(pi.getBusinessKey()), "score=4&solved=no").statusCode()).isEqualTo(200);

    assertThat(pi).isWaitingAt(Elements.TASK_RECOVER);
    assertThat(taskAt(pi, Elements.TASK_RECOVER)).isAssignedTo("cslead");
  }

  @Test
  void shouldCloseUnansweredWhenTheLinkExpiresAndRefuseTheLateAnswer() {
    ProcessInstance pi = surveyed();
    String no = pi.getBusinessKey();
    String token = token(no);

    execute(job(Elements.TIMER_SURVEY_EXPIRED, pi));
    jdbc.update("update PC_SURVEY set EXPIRES_AT = ? where CASE_NO = ?", java.sql.Timestamp.from(
        java.time.Instant.now().minusSeconds(60)), no);

    assertThat(pi).hasPassed(Elements.END_SURVEY_UNANSWERED).hasNotPassed(Elements.EVENT_SURVEY_ANSWERED).isEnded();
    assertThat(http.send(http.request("/survey/" + token, null).GET().build()).statusCode()).isEqualTo(410);
    assertThat(post(token, "score=1&solved=no").statusCode()).isEqualTo(410);
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, no)).isEmpty();
  }

  @Test
  void shouldNeverSurveyACaseTwice() {
    ProcessInstance pi = surveyed();

    // as complaint's survey step sends it: with the complaint's customer (survey never asks complaint back)
    ComplaintNoticeFacts.Facts facts = noticeFacts.of(pi.getBusinessKey()).orElseThrow();
    boolean again = fixtures.as("agent1", AGENT, () -> surveys.send(CaseKind.COMPLAINT, pi.getBusinessKey(),
        "agent1", facts.customer(), facts.values()));

    assertThat(again).isFalse();
    assertThat(complaints.view(pi.getBusinessKey()).notices()).extracting(Notice::type)
        .containsOnlyOnce(NoticeType.CASE_SURVEY);
  }

  // ---- the link attacked ------------------------------------------------------------------------------------

  @Test
  void aGetNeverVotesEvenWithAScoreInItsQuery() {
    ProcessInstance pi = surveyed();
    String token = token(pi.getBusinessKey());

    for (int i = 0; i < 3; i++) { // a mail scanner opening the link, with and without parameters
      assertThat(http.send(http.request("/survey/" + token + "?score=1&solved=no", null).GET().build())
          .statusCode()).isEqualTo(200);
    }
    HttpResponse<String> head = http.send(http.request("/survey/" + token, null)
        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

    assertThat(head.statusCode()).isLessThan(300);
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, pi.getBusinessKey())).isEmpty();
    assertThat(pi).isWaitingAt(Elements.GATEWAY_SURVEY_ANSWER);
  }

  @Test
  void aSecondVoteAndAReplayAreRefused() {
    ProcessInstance pi = surveyed();
    String token = token(pi.getBusinessKey());
    assertThat(post(token, "score=5&solved=yes").statusCode()).isEqualTo(200);

    HttpResponse<String> again = post(token, "score=1&solved=no");

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, pi.getBusinessKey()).orElseThrow().score()).isEqualTo(5);
    HttpResponse<String> page = http.send(http.request("/survey/" + token, null).GET().build());
    assertThat(page.body()).contains("您已评价过").doesNotContain("method=\"post\"");
  }

  @Test
  void aScoreOutsideOneToFiveIsAProblemNamingTheField() {
    ProcessInstance pi = surveyed();
    String token = token(pi.getBusinessKey());

    for (String bad : List.of("0", "6", "5 ", " 5", "five", "4.5", "", "-1", "05")) {
      HttpResponse<String> r = post(token, "score=" + enc(bad) + "&solved=yes");
      assertThat(r.statusCode()).as("score '%s'", bad).isEqualTo(400);
      assertThat(r.body()).contains("\"field\":\"score\"");
    }
    assertThat(post(token, "solved=yes").body()).contains("\"field\":\"score\"");
    assertThat(post(token, "score=3&solved=maybe").body()).contains("\"field\":\"solved\"");
    assertThat(post(token, "score=5&solved=yes&reasons=SLOW").body()).as("reasons only for 1 to 3")
        .contains("\"field\":\"reasons\"");
    assertThat(post(token, "score=2&solved=yes&reasons=DROP_TABLE").body()).contains("\"field\":\"reasons\"");
    assertThat(post(token, "score=3&solved=yes&comment=" + "长".repeat(501)).body()).contains("\"field\":\"comment\"");
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, pi.getBusinessKey())).as("nothing recorded by a bad answer")
        .isEmpty();
  }

  @Test
  void aTamperedForgedOrForeignTokenAnswersNothing() {
    ProcessInstance mine = surveyed();
    ProcessInstance theirs = surveyed();
    String token = token(mine.getBusinessKey());
    String other = token(theirs.getBusinessKey());
    int dot = token.indexOf('.');
    String flippedSignature = token.substring(0, token.length() - 2) + (token.charAt(token.length() - 2) == 'A'
        ? 'B' : 'A') + token.charAt(token.length() - 1);
    String swapped = other.substring(0, other.indexOf('.')) + token.substring(dot); // their payload, my signature
    String longer = token.substring(0, dot) + "x" + token.substring(dot);

    for (String bad : List.of(flippedSignature, swapped, longer, "x", token.substring(0, dot), "..",
        token.toUpperCase())) {
      assertThat(http.send(http.request("/survey/" + enc(bad), null).GET().build()).statusCode())
          .as("GET %s", bad).isEqualTo(bad.equals("..") ? 400 : 404); // a dotted path stops at the path guard
      assertThat(post(enc(bad), "score=1&solved=no").statusCode()).as("POST %s", bad).isIn(400, 404);
    }
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, mine.getBusinessKey())).isEmpty();
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, theirs.getBusinessKey())).isEmpty();

    // my link answers my complaint only
    assertThat(post(token, "score=1&solved=no").statusCode()).isEqualTo(200);
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, mine.getBusinessKey())).isPresent();
    assertThat(surveys.answerOf(CaseKind.COMPLAINT, theirs.getBusinessKey())).isEmpty();
    assertThat(theirs).isWaitingAt(Elements.GATEWAY_SURVEY_ANSWER);
  }

  @Test
  void onlyTheSurveyPathIsOpenWithoutALoginAndTheTokenIsStoredHashed() {
    ProcessInstance pi = surveyed();
    String token = token(pi.getBusinessKey());

    assertThat(http.send(http.request("/api/complaints/" + pi.getBusinessKey(), null).GET().build()).statusCode())
        .isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from PC_SURVEY where TOKEN_HASH = ?", Integer.class, token))
        .isZero();
    assertThat(jdbc.queryForObject("select TOKEN_HASH from PC_SURVEY where CASE_NO = ?", String.class,
        pi.getBusinessKey())).hasSize(64).doesNotContain(token.substring(0, 10));
  }

  @Test
  void theCustomersCommentAgesOutButTheScoreStays() {
    ProcessInstance pi = surveyed();
    post(token(pi.getBusinessKey()), "score=3&solved=yes&reasons=UNCLEAR&comment=" + enc("客服说得不清楚"));

    int changed = retention.stream().filter(r -> r.name().equals("survey-text")).findFirst().orElseThrow()
        .expire(java.time.Instant.now().plusSeconds(60));

    assertThat(changed).isPositive();
    SurveyAnswer kept = surveys.answerOf(CaseKind.COMPLAINT, pi.getBusinessKey()).orElseThrow();
    assertThat(kept.comment()).isNull();
    assertThat(kept.score()).isEqualTo(3);
    assertThat(kept.reasons()).containsExactly(SurveyReason.UNCLEAR);
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  /** A complaint agent1 worked and the customer confirmed; the survey went out. */
  ProcessInstance surveyed() {
    String orderNo = fixtures.anOrder(MemberTier.REGULAR, "199.00");
    Complaints.Opened o = complaints.open(aComplaint(orderNo, Severity.LOW, "agent1"), "shop1");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
        .processInstanceBusinessKey(o.view().complaintNo()).singleResult();
    Map<String, Object> values = new HashMap<>();
    values.put(Vars.ACTION, "RESOLVE");
    values.put(Vars.RESOLUTION_KIND, "APOLOGY");
    values.put(Vars.NOTE, "造成这种情况，我们非常抱歉。");
    Task handle = taskAt(pi, Elements.TASK_HANDLE);
    fixtures.as("agent1", AGENT, () -> taskService.complete(handle.getId(), values));
    complaints.customerConfirmed(pi.getBusinessKey(), "好的", "shop1");
    execute(job(Elements.TIMER_SURVEY_DUE, pi));
    assertThat(pi).hasPassed(Elements.TASK_SEND_SURVEY).isWaitingAt(Elements.GATEWAY_SURVEY_ANSWER);
    return pi;
  }

  String token(String complaintNo) {
    Notice survey = complaints.view(complaintNo).notices().stream().filter(n -> n.type() == NoticeType.CASE_SURVEY)
        .findFirst().orElseThrow();
    assertThat(survey.text()).contains("请打开下面的链接", complaintNo);
    Matcher m = LINK.matcher(survey.text());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  HttpResponse<String> post(String token, String form) {
    return http.send(http.request("/survey/" + token, null).header("Content-Type",
        "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build());
  }

  Task taskAt(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
