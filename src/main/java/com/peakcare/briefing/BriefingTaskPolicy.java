package com.peakcare.briefing;

import static com.peakcare.briefing.CampaignBriefingProcess.OPS_SLOTS;
import static com.peakcare.briefing.CampaignBriefingProcess.QUIZ_SLOTS;

import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.briefing.CampaignBriefingProcess.Elements;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.Groups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Who works on a campaign briefing's tasks, and with what (applied by the engine gate on every door):
 * <ul>
 *   <li>the notes and the answers to agents' questions belong to the campaign's setter, who may hand them to a
 *       colleague of their department (the campaign's ops); only the task's assignee completes them;</li>
 *   <li>a quiz belongs to its agent: nobody claims it, hands it over or answers it for them; it is scored here, on the
 *       server, against the stored correct options, and only the form's answer fields and the agent's own question
 *       are accepted (a score or a "correct" flag is no field of the form);</li>
 *   <li>the readiness follow-up belongs to the after-sales supervisors (any supervisor may take it).</li>
 * </ul>
 * Completions record in the briefing's tables and return nothing to the process: its gateways read the records.
 */
@Component
class BriefingTaskPolicy implements TaskPolicy {

  static final Map<String, Set<String>> FIELDS = fields();

  private final Briefings briefings;
  private final Quizzes quizzes;
  private final BriefingPeople people;
  private final BriefingCredits credits;
  private final Readiness readiness;
  private final RuntimeService runtime;

  BriefingTaskPolicy(Briefings briefings, Quizzes quizzes, BriefingPeople people, BriefingCredits credits,
      Readiness readiness, RuntimeService runtime) {
    this.briefings = briefings;
    this.quizzes = quizzes;
    this.people = people;
    this.credits = credits;
    this.readiness = readiness;
    this.runtime = runtime;
  }

  @Override
  public String processKey() {
    return CampaignBriefingProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return FIELDS.getOrDefault(task.taskKey(), Set.of());
  }

  // ---- who -------------------------------------------------------------------------------------------------

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    String code = task.businessKey();
    switch (task.taskKey()) {
      case Elements.TASK_TAKE_QUIZ -> {
        if (actor.isPerson() && !actor.isAdmin()) {
          throw Refusal.forbidden("宣贯测验属于客服本人，不能认领、转交或退回 · A briefing quiz belongs to its agent: it "
              + "cannot be claimed, handed over or unclaimed");
        }
      }
      case Elements.TASK_PUBLISH_NOTES, Elements.TASK_ANSWER_QUESTION -> {
        String setter = people.setterOf(code);
        if (assignee == null) {
          throw Refusal.forbidden("宣贯说明和答疑须有人负责，请转交给运营同事 · Briefing notes and answers need someone "
              + "in charge: hand the task to an ops colleague instead");
        }
        if (!people.isCampaignOps(assignee, setter)) {
          throw Refusal.forbidden("宣贯说明和答疑由设置人或其部门同事负责 · Briefing notes and answers are for the setter "
              + "or a colleague of their department");
        }
        requireHolderOrSupervisor(task, assignee, actor);
      }
      default -> {
        if (assignee != null && !people.isMember(assignee, Groups.SUPERVISORS)) {
          throw Refusal.forbidden("宣贯未就绪由主管跟进 · Agents not ready are followed up by supervisors");
        }
        requireHolderOrSupervisor(task, assignee, actor);
      }
    }
  }

  /** A person claims only for themselves; only the holder or a supervisor hands a held task over. */
  private static void requireHolderOrSupervisor(TaskFacts task, String assignee, Actor actor) {
    if (!actor.isPerson() || actor.isAdmin() || actor.in(Groups.SUPERVISORS)) {
      return;
    }
    if (task.assignee() == null && !actor.userId().equals(assignee)) {
      throw Refusal.forbidden("只能为自己认领任务 · You can only claim a task for yourself");
    }
    if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("只有任务的处理人或主管可以转交任务 · Only the task's assignee or a supervisor may hand it "
          + "over");
    }
  }

  // ---- completing ------------------------------------------------------------------------------------------

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    String code = task.businessKey();
    FormValues form = new FormValues(values);
    switch (task.taskKey()) {
      case Elements.TASK_PUBLISH_NOTES -> publishNotes(task, code, holder(task, actor), form);
      case Elements.TASK_TAKE_QUIZ -> takeQuiz(task, code, holder(task, actor), values, form);
      case Elements.TASK_ANSWER_QUESTION -> answer(task, code, holder(task, actor), form);
      default -> followUp(code, actor, task, form);
    }
    return Map.of();
  }

  /** The task's assignee, who completes it themselves: nobody answers or publishes for someone else. */
  private static String holder(TaskFacts task, Actor actor) {
    if (task.assignee() == null) {
      throw Refusal.forbidden("请先认领任务 · Claim the task first");
    }
    if (actor.isPerson() && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("只有任务的处理人本人可以完成它，不能代答 · Only the task's assignee completes it: nobody "
          + "answers for someone else");
    }
    return task.assignee();
  }

  private void publishNotes(TaskFacts task, String code, String by, FormValues form) {
    Round round = briefings.currentRound(code).orElseThrow();
    String notes = form.text(Vars.NOTES, 4000, true, "必填：向客服说明每条活动规则 · required: explain every rule to the "
        + "agents");
    List<Question> own = new ArrayList<>();
    for (int slot = 1; slot <= OPS_SLOTS; slot++) {
      String question = form.text(Vars.OPS_QUESTION + slot, 1000, false, null);
      Object answer = form.raw(Vars.OPS_ANSWER + slot);
      String rule = form.text(Vars.OPS_RULE + slot, 2000, question != null, "出题时必填：正确答案依据的规则 · required "
          + "with a question: the rule behind the right answer");
      if (question == null) {
        if (answer != null && !answer.toString().isBlank() || rule != null) {
          throw Refusal.invalid(Vars.OPS_QUESTION + slot, "请填写第" + slot + "道题的题目 · write question " + slot
              + " too, or clear its answer and rule");
        }
        continue;
      }
      if (!"yes".equals(answer) && !"no".equals(answer)) {
        throw Refusal.invalid(Vars.OPS_ANSWER + slot, "出题时必选：正确答案“是”或“否” · required with a question: the "
            + "right answer, yes or no");
      }
      List<BriefingRecords.Option> options = List.of(new BriefingRecords.Option("yes", "是 · Yes"),
          new BriefingRecords.Option("no", "否 · No"));
      own.add(new Question(null, round.round(), 0, "ops:" + UUID.randomUUID(), null, Briefings.OPS, "OPS_YES_NO",
          null, question, options, (String) answer, rule, by));
    }
    briefings.publishNotes(code, round.round(), notes, by, own);
  }

  private void takeQuiz(TaskFacts task, String code, String agent, Map<String, Object> values, FormValues form) {
    int round = briefings.require(code).currentRound();
    String asked = form.text(Vars.AGENT_QUESTION, 2000, false, null);
    Quizzes.Scored scored = quizzes.score(code, round, agent, task.id(), values);
    if (scored.ready()) {
      credits.credit(code, agent, BriefingCredits.QUIZ_PASSED, round, "round-" + round, "passed the briefing quiz of "
          + "round " + round + " at attempt " + scored.attempt().attempt() + " (" + scored.attempt().correct() + "/"
          + scored.attempt().asked() + ")");
    }
    if (asked != null) {
      AskedQuestion q = briefings.ask(code, round, agent, asked);
      runtime.createMessageCorrelation(CampaignBriefingProcess.MESSAGE_QUESTION_ASKED)
          .processInstanceId(task.processInstanceId())
          .setVariableLocal(Vars.QUESTION_ID, q.id())
          .correlateWithResult();
    }
  }

  private void answer(TaskFacts task, String code, String by, FormValues form) {
    AskedQuestion q = askedOf(task);
    String answer = form.text(Vars.ANSWER, 4000, true, "必填：给客服的答复 · required: the answer the agents read");
    if (!briefings.answer(q.id(), answer, by)) {
      throw Refusal.forbidden("这个问题已经答复过了 · This question has already been answered");
    }
    credits.credit(code, by, BriefingCredits.QUESTION_ANSWERED, q.round(), q.id(), "answered " + q.askedBy()
        + "'s question");
    credits.credit(code, q.askedBy(), BriefingCredits.QUESTION_ASKED, q.round(), q.id(), "asked a question "
        + "answered by " + by);
  }

  private void followUp(String code, Actor actor, TaskFacts task, FormValues form) {
    if (actor.isPerson() && !actor.isAdmin() && !actor.in(Groups.SUPERVISORS)) {
      throw Refusal.forbidden("宣贯未就绪由主管跟进 · Agents not ready are followed up by supervisors");
    }
    String note = form.text(Vars.FOLLOW_UP_NOTE, 2000, true, "必填：跟进记录 · required: what you did about it");
    String by = actor.isPerson() ? actor.userId() : task.assignee();
    briefings.followedUp(code, briefings.require(code).currentRound(), note, by);
  }

  // ---- what the forms show ---------------------------------------------------------------------------------

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    String code = task.businessKey();
    Map<String, Object> values = new HashMap<>();
    switch (task.taskKey()) {
      case Elements.TASK_TAKE_QUIZ -> {
        if (task.assignee() != null) {
          values.putAll(quizzes.formValues(code, task.assignee()));
        }
      }
      case Elements.TASK_PUBLISH_NOTES -> {
        Round round = briefings.currentRound(code).orElseThrow();
        values.put(Vars.RULES, quizzes.rulesText(code, round));
        values.put(Vars.GENERATED_QUESTIONS, preview(code, round));
      }
      case Elements.TASK_ANSWER_QUESTION -> {
        AskedQuestion q = askedOf(task);
        values.put(Vars.ASKED, q.askedBy() + "（" + people.nameOf(q.askedBy()) + "）：" + q.question());
        briefings.currentRound(code).ifPresent(r -> values.put(Vars.RULES, quizzes.rulesText(code, r)));
      }
      default -> values.put(Vars.READINESS, Readiness.text(readiness.of(code)));
    }
    return values;
  }

  /** The round's questions with their right answers and rules, for the setter to check before publishing. */
  private String preview(String code, Round round) {
    StringBuilder sb = new StringBuilder();
    if (Briefings.CORRECTION.equals(round.reason())) {
      sb.append("本轮因上线后修正而开，改动的规则 · Opened for a correction after launch; changed items: ")
          .append(String.join(", ", round.changedItems())).append("\n\n");
    }
    int n = 0;
    for (Question q : briefings.questions(code, round.round())) {
      String right = q.options().stream().filter(o -> o.value().equals(q.correct())).map(BriefingRecords.Option::label)
          .findFirst().orElse(q.correct());
      sb.append(++n).append(". ").append(q.text()).append("\n   正确答案 · Right answer: ").append(right)
          .append("\n   规则 · Rule: ").append(q.rule()).append("\n\n");
    }
    return sb.toString().trim();
  }

  private AskedQuestion askedOf(TaskFacts task) {
    Object id = task.variable(Vars.QUESTION_ID);
    return briefings.asked(id == null ? null : id.toString())
        .orElseThrow(() -> new IllegalStateException("answer task " + task.id() + " names no question"));
  }

  private static Map<String, Set<String>> fields() {
    Map<String, Set<String>> f = new LinkedHashMap<>();
    Set<String> notes = new HashSet<>(Set.of(Vars.NOTES));
    for (int slot = 1; slot <= OPS_SLOTS; slot++) {
      notes.addAll(Set.of(Vars.OPS_QUESTION + slot, Vars.OPS_ANSWER + slot, Vars.OPS_RULE + slot));
    }
    f.put(Elements.TASK_PUBLISH_NOTES, Set.copyOf(notes));
    Set<String> quiz = new HashSet<>(Set.of(Vars.AGENT_QUESTION));
    for (int slot = 1; slot <= QUIZ_SLOTS; slot++) {
      quiz.add(Vars.QUIZ_ANSWER + slot);
    }
    f.put(Elements.TASK_TAKE_QUIZ, Set.copyOf(quiz));
    f.put(Elements.TASK_ANSWER_QUESTION, Set.of(Vars.ANSWER));
    f.put(Elements.TASK_FOLLOW_UP_NOT_READY, Set.of(Vars.FOLLOW_UP_NOTE));
    return Map.copyOf(f);
  }
}
