package com.peakcare.briefing;

import static com.peakcare.briefing.CampaignBriefingProcess.QUIZ_SLOTS;

import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.campaign.CampaignItem;
import com.peakcare.engine.gate.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * An agent's quiz, on the server: which questions it holds (the round's questions the agent has not yet answered in a
 * passed quiz, at most {@link CampaignBriefingProcess#QUIZ_SLOTS}, in the round's order, so the form that loads and
 * the completion that scores it see the same sheet), scoring against the stored correct options (a client's score or
 * "correct" flag is no field of the form: the engine gate refuses it), and what the form shows. Used by the BPMN
 * ({@code ${briefingQuizzes.ready(execution)}}) and the task policy.
 */
@Component("briefingQuizzes")
public class Quizzes {

  /** A scored quiz, and whether the agent has nothing left to learn in this round. */
  record Scored(Attempt attempt, boolean ready) {}

  private final Briefings briefings;
  private final BriefingSettings settings;
  private final BriefingPeople people;
  private final CampaignFacts campaigns;

  Quizzes(Briefings briefings, BriefingSettings settings, BriefingPeople people, CampaignFacts campaigns) {
    this.briefings = briefings;
    this.settings = settings;
    this.people = people;
    this.campaigns = campaigns;
  }

  // ---- what the BPMN asks --------------------------------------------------------------------------------------

  /** The agent of this quiz has answered every question of the current round in a passed quiz (BPMN: the gateway). */
  public boolean ready(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    return briefings.uncovered(code, briefings.require(code).currentRound(), agentOf(execution)).isEmpty();
  }

  /** Which attempt of this round the agent's next quiz is (BPMN: the quiz task's own variable, for Tasklist). */
  public int nextAttempt(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    return briefings.attempts(code, briefings.require(code).currentRound(), agentOf(execution)).size() + 1;
  }

  /** How many of the agent's quizzes of this round failed (BPMN: the quiz task's own variable, for Tasklist). */
  public int failedAttempts(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    return (int) briefings.attempts(code, briefings.require(code).currentRound(), agentOf(execution)).stream()
        .filter(a -> !a.passed()).count();
  }

  private static String agentOf(DelegateExecution execution) {
    Object agent = execution.getVariable(Vars.AGENT);
    if (agent == null) {
      throw new IllegalStateException("quiz execution " + execution.getId() + " names no agent");
    }
    return agent.toString();
  }

  // ---- the sheet and its scoring -------------------------------------------------------------------------------

  /** The questions of the agent's quiz now. */
  List<Question> sheet(String code, int round, String agent) {
    return firstSlots(briefings.uncovered(code, round, agent));
  }

  /** The open questions one quiz holds: the first {@link CampaignBriefingProcess#QUIZ_SLOTS}. */
  private static List<Question> firstSlots(List<Question> open) {
    return open.size() > QUIZ_SLOTS ? open.subList(0, QUIZ_SLOTS) : open;
  }

  /**
   * Scores what the agent submitted: every question of the sheet answered with one of its options, no answer for a
   * question the sheet does not have. Records the attempt and every answer.
   */
  Scored score(String code, int round, String agent, String taskId, Map<String, Object> values) {
    List<Question> sheet = sheet(code, round, agent);
    if (sheet.isEmpty()) {
      throw Refusal.forbidden("本轮已没有要答的题 · There is nothing left to answer in this round");
    }
    Map<String, String> given = new LinkedHashMap<>();
    for (int slot = 1; slot <= QUIZ_SLOTS; slot++) {
      String field = Vars.QUIZ_ANSWER + slot;
      Object raw = values.get(field);
      String value = raw == null ? null : raw.toString().trim();
      if (slot > sheet.size()) {
        if (value != null && !value.isEmpty()) {
          throw Refusal.invalid(field, "没有第" + slot + "题 · there is no question " + slot + " in this quiz");
        }
        continue;
      }
      Question q = sheet.get(slot - 1);
      if (value == null || value.isEmpty()) {
        throw Refusal.invalid(field, "必答：请选择第" + slot + "题的答案 · required: choose an answer to question " + slot);
      }
      Set<String> allowed = q.options().stream().map(BriefingRecords.Option::value).collect(Collectors.toSet());
      if (!(raw instanceof String) || !allowed.contains(value)) {
        throw Refusal.invalid(field, "第" + slot + "题只能选 " + String.join("/", allowed.stream().sorted().toList())
            + " · question " + slot + " takes one of its options, not \"" + raw + "\"");
      }
      given.put(q.key(), value);
    }
    Attempt attempt = briefings.recordAttempt(code, round, agent, taskId, sheet, given, settings.passMark());
    return new Scored(attempt, briefings.uncovered(code, round, agent).isEmpty());
  }

  // ---- what the quiz form shows --------------------------------------------------------------------------------

  /** The quiz form's read-only values: intro, notes, rules, last attempt's feedback, answers to questions, the sheet. */
  Map<String, Object> formValues(String code, String agent) {
    Round round = briefings.currentRound(code).orElseThrow();
    List<Question> questions = briefings.questions(code, round.round());
    List<Question> open = briefings.uncovered(code, agent, questions);
    List<Question> sheet = firstSlots(open);
    Map<String, Object> values = new LinkedHashMap<>();
    String intro = "本次" + sheet.size() + "题，及格线" + settings.passMark() + "%，答完点“完成” · " + sheet.size()
        + " question(s), pass mark " + settings.passMark() + "%; answer them all, then complete.";
    if (open.size() > sheet.size()) {
      intro += "\n其余" + (open.size() - sheet.size()) + "题在下一次 · The other " + (open.size() - sheet.size())
          + " come next time.";
    }
    values.put(Vars.QUIZ_INTRO, intro);
    values.put(Vars.NOTES, notesText(code, round));
    values.put(Vars.RULES, rulesText(code, round));
    String feedback = feedback(code, round.round(), agent, questions);
    if (feedback != null) {
      values.put(Vars.QUIZ_FEEDBACK, feedback);
    }
    String answers = answersText(code);
    if (answers != null) {
      values.put(Vars.ANSWERED_QUESTIONS, answers);
    }
    for (int i = 0; i < sheet.size(); i++) {
      Question q = sheet.get(i);
      values.put(Vars.QUIZ_QUESTION + (i + 1), q.text());
      values.put(Vars.QUIZ_OPTIONS + (i + 1), SpinValues.jsonValue(
          Briefings.json(q.options().stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList()))
          .create());
    }
    return values;
  }

  /**
   * The agent's last quiz of this round, said so they can learn from it: the wrong questions with their rules
   * ({@code questions}: the round's questions).
   */
  String feedback(String code, int round, String agent, List<Question> questions) {
    List<Attempt> attempts = briefings.attempts(code, round, agent);
    if (attempts.isEmpty()) {
      return null;
    }
    Attempt last = attempts.get(attempts.size() - 1);
    StringBuilder sb = new StringBuilder();
    sb.append("第").append(last.attempt()).append("次答题：答对").append(last.correct()).append('/').append(last.asked())
        .append("（").append(last.score()).append("%），及格线").append(last.passMark()).append("%，")
        .append(last.passed() ? "已通过" : "未通过，请再答一次").append(" · Attempt ").append(last.attempt()).append(": ")
        .append(last.correct()).append(" of ").append(last.asked()).append(" right (").append(last.score())
        .append("%), pass mark ").append(last.passMark()).append("%: ")
        .append(last.passed() ? "passed" : "not passed, please answer again").append('.');
    if (!last.wrongKeys().isEmpty()) {
      Map<String, Question> byKey = questions.stream()
          .collect(Collectors.toMap(Question::key, q -> q, (a, b) -> a));
      sb.append("\n\n答错的题和规则 · What you got wrong, and the rule:");
      int n = 0;
      for (String key : last.wrongKeys()) {
        Question q = byKey.get(key);
        if (q == null) {
          continue;
        }
        sb.append("\n\n").append(++n).append(". ").append(q.itemId() == null ? "" : "[" + q.itemId() + "] ")
            .append(q.text()).append("\n   规则 · Rule: ").append(q.rule());
      }
    }
    return sb.toString();
  }

  /** The round's notes (and, for a correction, what changed). */
  String notesText(String code, Round round) {
    StringBuilder sb = new StringBuilder();
    if (Briefings.CORRECTION.equals(round.reason())) {
      sb.append("活动已在上线后修正（第").append(round.version()).append("版），本轮只考改动的规则：")
          .append(String.join(", ", round.changedItems())).append(" · The campaign was corrected after launch (version ")
          .append(round.version()).append("); this round asks about the changed items only: ")
          .append(String.join(", ", round.changedItems())).append("\n\n");
    }
    sb.append(round.notes() == null ? "（运营尚未发布说明 · Ops have not published the notes yet）" : round.notes());
    if (round.notesBy() != null) {
      sb.append("\n—— ").append(people.nameOf(round.notesBy()));
    }
    return sb.toString();
  }

  /** The rules of the round's version, one line per item. */
  String rulesText(String code, Round round) {
    CampaignFacts.Version v = campaigns.version(code, round.version());
    StringBuilder sb = new StringBuilder("第" + v.version() + "版的活动规则 · The rules of version " + v.version() + ":");
    for (CampaignItem item : v.items()) {
      sb.append("\n- [").append(item.id()).append(" · ").append(CampaignFacts.typeLabel(item.type())).append("] ")
          .append(item.text());
    }
    return sb.toString();
  }

  /** Every answered question of the campaign, for every agent to read; null when none yet. */
  String answersText(String code) {
    List<AskedQuestion> answered = briefings.askedQuestions(code).stream().filter(q -> !q.open()).toList();
    if (answered.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (AskedQuestion q : answered) {
      if (!sb.isEmpty()) {
        sb.append("\n\n");
      }
      sb.append("问 · Q（").append(people.nameOf(q.askedBy())).append("）：").append(q.question()).append("\n答 · A（")
          .append(people.nameOf(q.answeredBy())).append("）：").append(q.answer());
    }
    return sb.toString();
  }
}
