package com.peakcare.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.CampaignBriefingProcess.Elements;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.campaign.CampaignCheckProcess;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Small factories for briefing tests: a campaign started through the API and driven to LIVE through its checks as
 * the demo users would, and quiz answers (right or wrong) read from the round's stored questions.
 */
final class BriefingFixtures {

  /** A threshold discount and a banner showing the real price: both pass the pre-check. */
  static final String ITEMS = "[{\"id\":\"t1\",\"type\":\"threshold\",\"text\":\"单笔实付满199元减30元\",\"threshold\":199},"
      + "{\"id\":\"b1\",\"type\":\"banner\",\"text\":\"主会场入口图 到手价99\",\"bannerPrice\":99,\"itemPrice\":99,"
      + "\"sku\":\"TEA-02\"}]";
  /** The same with the banner corrected to 89 (item and banner): only b1 changes. */
  static final String CORRECTED_ITEMS = "[{\"id\":\"t1\",\"type\":\"threshold\",\"text\":\"单笔实付满199元减30元\","
      + "\"threshold\":199},{\"id\":\"b1\",\"type\":\"banner\",\"text\":\"主会场入口图 到手价89\",\"bannerPrice\":89,"
      + "\"itemPrice\":89,\"sku\":\"TEA-02\"}]";
  static final List<String> AGENTS = List.of("agent1", "agent2", "cslead", "cslead2");

  private final Http http;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Briefings briefings;

  BriefingFixtures(Http http, TaskService tasks, RuntimeService runtime, Briefings briefings) {
    this.http = http;
    this.tasks = tasks;
    this.runtime = runtime;
    this.briefings = briefings;
  }

  static String aCode() {
    return "B-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Instant goLiveInDays(int days) {
    return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
  }

  /** setter1 starts the campaign over the API; its checks are signed clean; returns the briefing's process. */
  ProcessInstance live(String code, String items, Instant goLive) {
    HttpResponse<String> created = http.post("/api/campaigns", "setter1", "{\"code\":\"" + code + "\",\"name\":\"双11 "
        + code + "\",\"goLiveAt\":\"" + goLive + "\",\"items\":" + items + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    complete(code, CampaignCheckProcess.Elements.TASK_SET_UP, null, Map.of());
    complete(code, CampaignCheckProcess.Elements.TASK_RECHECK, null, check());
    complete(code, CampaignCheckProcess.Elements.TASK_PEER_CHECK, "peer1", check());
    complete(code, CampaignCheckProcess.Elements.TASK_UX_CHECK, "ux1", check());
    for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey(CampaignCheckProcess.Elements.TASK_ALL_HANDS_CHECK).list()) {
      tasks.complete(t.getId(), check());
    }
    ProcessInstance briefing = briefing(code);
    assertThat(briefing).as("the briefing of " + code + " started at launch approval").isNotNull();
    return briefing;
  }

  ProcessInstance briefing(String code) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(CampaignBriefingProcess.KEY)
        .processInstanceBusinessKey(code).singleResult();
  }

  private void complete(String code, String key, String claimer, Map<String, Object> vars) {
    Task t = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult();
    assertThat(t).as(key + " of " + code).isNotNull();
    if (claimer != null) {
      tasks.claim(t.getId(), claimer);
    }
    tasks.complete(t.getId(), vars);
  }

  private static Map<String, Object> check() {
    return Map.of(CampaignCheckProcess.Vars.ERROR_COUNT, 0);
  }

  /** The setter publishes the round's notes (and ops' own questions, if any). */
  void publishNotes(ProcessInstance pi, Map<String, Object> extra) {
    Map<String, Object> vars = new HashMap<>(extra);
    vars.put(Vars.NOTES, "满减按单笔实付；入口图价格就是到手价。");
    tasks.complete(task(pi, Elements.TASK_PUBLISH_NOTES, null).getId(), vars);
  }

  Task task(ProcessInstance pi, String key, String assignee) {
    var query = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key);
    return (assignee == null ? query : query.taskAssignee(assignee)).singleResult();
  }

  Task quiz(ProcessInstance pi, String agent) {
    return task(pi, Elements.TASK_TAKE_QUIZ, agent);
  }

  /** The agent's quiz now, as the server will score it. */
  List<Question> sheet(String code, String agent) {
    return briefings.uncovered(code, briefings.require(code).currentRound(), agent).stream().limit(
        CampaignBriefingProcess.QUIZ_SLOTS).toList();
  }

  /** Answers to the agent's current quiz: right ones, or a wrong one for every question. */
  Map<String, Object> answers(String code, String agent, boolean right) {
    Map<String, Object> vars = new HashMap<>();
    List<Question> sheet = sheet(code, agent);
    for (int i = 0; i < sheet.size(); i++) {
      Question q = sheet.get(i);
      vars.put(Vars.QUIZ_ANSWER + (i + 1), right ? q.correct() : q.options().stream()
          .map(BriefingRecords.Option::value).filter(v -> !v.equals(q.correct())).findFirst().orElseThrow());
    }
    return vars;
  }

  /** The agent answers their open quiz (through the engine gate, as PeakCare runs it for them in tests). */
  void answer(ProcessInstance pi, String code, String agent, boolean right) {
    Task quiz = quiz(pi, agent);
    assertThat(quiz).as("open quiz of " + agent).isNotNull();
    tasks.complete(quiz.getId(), answers(code, agent, right));
  }
}
