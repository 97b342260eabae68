package com.peakcare.briefing;

import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who is ready for a campaign's current round, as supervisors see it: every member of after-sales is
 * {@value #PASSED} (nothing of the round left to answer), {@value #FAILED_TWICE} (not yet, after two or more failed
 * quizzes of the round) or {@value #NOT_YET}; and the questions agents asked that are still open.
 */
@Component
class Readiness {

  static final String PASSED = "PASSED";
  static final String NOT_YET = "NOT_YET";
  static final String FAILED_TWICE = "FAILED_TWICE";

  record Agent(String userId, String name, String status, int attempts, int failedAttempts, Integer lastScore,
      Instant readyAt, int questionsLeft) {}

  record View(Round round, List<Agent> agents, List<String> passed, List<String> notYet,
      List<String> failedTwice, List<AskedQuestion> openQuestions) {
    boolean allReady() {
      return round != null && notYet.isEmpty() && failedTwice.isEmpty();
    }
  }

  private final Briefings briefings;
  private final BriefingPeople people;

  Readiness(Briefings briefings, BriefingPeople people) {
    this.briefings = briefings;
    this.people = people;
  }

  View of(String code) {
    briefings.require(code); // a campaign without a briefing has no readiness: refused here, as before
    Optional<Round> round = briefings.currentRound(code);
    Optional<List<Question>> questions = round.map(r -> briefings.questions(code, r.round()));
    List<Agent> agents = new ArrayList<>();
    for (String user : people.agents()) {
      List<Attempt> attempts = round.map(r -> briefings.attempts(code, r.round(), user)).orElse(List.of());
      int failed = (int) attempts.stream().filter(a -> !a.passed()).count();
      int left = questions.map(qs -> briefings.uncovered(code, user, qs).size()).orElse(-1);
      String status = left == 0 ? PASSED : failed >= 2 ? FAILED_TWICE : NOT_YET;
      Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
      Instant readyAt = left == 0 && last != null && last.passed() ? last.submittedAt() : null;
      agents.add(new Agent(user, people.nameOf(user), status, attempts.size(), failed,
          last == null ? null : last.score(), readyAt, Math.max(left, 0)));
    }
    List<AskedQuestion> open = briefings.askedQuestions(code).stream().filter(AskedQuestion::open).toList();
    return new View(round.orElse(null), agents, ids(agents, PASSED), ids(agents, NOT_YET),
        ids(agents, FAILED_TWICE), open);
  }

  private static List<String> ids(List<Agent> agents, String status) {
    return agents.stream().filter(a -> a.status().equals(status)).map(Agent::userId).toList();
  }

  /** The view as the follow-up form shows it. */
  static String text(View v) {
    StringBuilder sb = new StringBuilder();
    if (v.round() != null) {
      sb.append("第").append(v.round().round()).append("轮（第").append(v.round().version()).append("版），截止 · Round ")
          .append(v.round().round()).append(" (version ").append(v.round().version()).append("), ready by ")
          .append(v.round().readyBy()).append('\n');
      if (v.round().notesAt() == null) {
        sb.append("运营尚未发布宣贯说明 · Ops have not published the briefing notes yet\n");
      }
    }
    sb.append("\n已通过 · Passed: ").append(names(v, PASSED));
    sb.append("\n未通过 · Not yet: ").append(names(v, NOT_YET));
    sb.append("\n两次未通过 · Failed twice: ").append(names(v, FAILED_TWICE));
    sb.append("\n待答疑 · Open questions: ").append(v.openQuestions().size());
    for (AskedQuestion q : v.openQuestions()) {
      sb.append("\n- ").append(q.askedBy()).append(": ").append(q.question());
    }
    return sb.toString();
  }

  private static String names(View v, String status) {
    List<String> names = v.agents().stream().filter(a -> a.status().equals(status))
        .map(a -> a.userId() + "（" + a.name() + (a.attempts() > 0 ? "，" + a.attempts() + "次" : "") + "）").toList();
    return names.isEmpty() ? "—" : String.join("、", names);
  }
}
