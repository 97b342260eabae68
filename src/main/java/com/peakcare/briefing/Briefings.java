package com.peakcare.briefing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.BriefingRecords.Briefing;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.briefing.CampaignBriefingProcess.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The briefing's records: the briefing of each live campaign, its rounds with their notes and questions, the quizzes
 * agents submitted (append-only, with every answer) and the questions agents asked. Delegates, the task policy and
 * the controller all go through here; nobody else reads these tables. The SQL is {@link BriefingRepository}'s.
 */
@Service
class Briefings {

  private static final Logger log = LoggerFactory.getLogger(Briefings.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GENERATED = "GENERATED";
  static final String OPS = "OPS";
  static final String LAUNCH = "LAUNCH";
  static final String CORRECTION = "CORRECTION";

  private final BriefingRepository records;

  Briefings(BriefingRepository records) {
    this.records = records;
  }

  // ---- briefing and rounds -----------------------------------------------------------------------------------

  /**
   * The briefing of a campaign. {@link BriefingStart} opens it only for a campaign without one; the primary key on
   * CAMPAIGN_CODE refuses a second.
   */
  void open(String code, String processInstanceId) {
    records.insertBriefing(code, processInstanceId, Status.PREPARING, Instant.now());
  }

  Optional<Briefing> find(String code) {
    return records.find(code);
  }

  Briefing require(String code) {
    return find(code).orElseThrow(() -> new IllegalStateException("campaign " + code + " has no briefing"));
  }

  void setStatus(String code, String status) {
    records.setStatus(code, status);
  }

  /**
   * Opens the next round for a version: the round before it ends (superseded, if it had not ended), and the round's
   * questions are those generated from the version's items plus every ops question of the round before.
   */
  Round openRound(String code, int version, String versionHash, List<String> changedItems, Instant readyBy,
      List<Question> generated) {
    Briefing b = require(code);
    int no = b.currentRound() + 1;
    Instant now = Instant.now();
    if (b.currentRound() > 0) {
      endRound(code, b.currentRound(), "SUPERSEDED");
    }
    records.insertRound(code, no, version, versionHash, no == 1 ? LAUNCH : CORRECTION, changedItems, readyBy, now);
    int seq = 0;
    for (Question q : generated) {
      records.insertQuestion(code, no, ++seq, q);
    }
    if (b.currentRound() > 0) {
      for (Question q : questions(code, b.currentRound())) {
        if (OPS.equals(q.source())) {
          records.insertQuestion(code, no, ++seq, q);
        }
      }
    }
    records.setCurrentRound(code, no);
    log.info("campaign {} briefing round {} opened for version {} ({} question(s)), ready by {}", code, no, version,
        seq, readyBy);
    return round(code, no);
  }

  /** Ends a round that has not ended: ALL_READY, SUPERSEDED or CLOSED. */
  void endRound(String code, int round, String outcome) {
    records.endRound(code, round, outcome, Instant.now());
  }

  /** The setter's notes and ops' own questions, appended to the round's generated ones. */
  void publishNotes(String code, int round, String notes, String by, List<Question> opsQuestions) {
    records.setNotes(code, round, notes, by, Instant.now());
    int seq = questions(code, round).size();
    for (Question q : opsQuestions) {
      records.insertQuestion(code, round, ++seq, q);
    }
    log.info("campaign {} briefing round {}: notes published by {}, {} own question(s)", code, round, by,
        opsQuestions.size());
  }

  void quizOpened(String code, int round) {
    records.quizOpened(code, round, Instant.now());
  }

  void escalated(String code, int round) {
    records.escalated(code, round, Instant.now());
  }

  void followedUp(String code, int round, String note, String by) {
    records.followedUp(code, round, note, by);
  }

  Round round(String code, int no) {
    return records.round(code, no).orElseThrow(() -> new IllegalStateException("campaign " + code
        + " has no briefing round " + no));
  }

  Optional<Round> currentRound(String code) {
    return find(code).filter(b -> b.currentRound() > 0).map(b -> round(code, b.currentRound()));
  }

  List<Round> rounds(String code) {
    return records.rounds(code);
  }

  // ---- questions, coverage, attempts -------------------------------------------------------------------------

  List<Question> questions(String code, int round) {
    return records.questions(code, round);
  }

  /** The keys of every question the agent answered in a passed quiz of this campaign: what they need not learn again. */
  Set<String> covered(String code, String agent) {
    return records.covered(code, agent);
  }

  /** The round's questions the agent has not yet answered in a passed quiz, in the round's order. */
  List<Question> uncovered(String code, int round, String agent) {
    return uncovered(code, agent, questions(code, round));
  }

  /** As {@link #uncovered(String, int, String)}, of the round's questions read already (for a loop over agents). */
  List<Question> uncovered(String code, String agent, List<Question> roundQuestions) {
    Set<String> done = covered(code, agent);
    return roundQuestions.stream().filter(q -> !done.contains(q.key())).toList();
  }

  /** Records a scored quiz and its answers ({@code given}: question key → option chosen). */
  Attempt recordAttempt(String code, int round, String agent, String taskId, List<Question> asked,
      Map<String, String> given, int passMark) {
    int correct = (int) asked.stream().filter(q -> q.correct().equals(given.get(q.key()))).count();
    int score = asked.isEmpty() ? 100 : correct * 100 / asked.size();
    boolean passed = correct * 100 >= passMark * asked.size();
    int no = records.lastAttemptNo(code, round, agent) + 1;
    String id = UUID.randomUUID().toString();
    // TIMESTAMP WITH TIME ZONE keeps microseconds: the instant stored is the instant returned, to the microsecond
    Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    records.insertAttempt(id, code, round, agent, no, taskId, asked.size(), correct, score, passMark, passed,
        submittedAt);
    List<Question> wrong = new ArrayList<>();
    for (Question q : asked) {
      String choice = given.get(q.key());
      boolean right = q.correct().equals(choice);
      records.insertAnswer(id, q.key(), q.seq(), choice, right);
      if (!right) {
        wrong.add(q);
      }
    }
    log.info("campaign {} briefing round {}: {} attempt {} {} ({}/{}, {}%)", code, round, agent, no,
        passed ? "passed" : "failed", correct, asked.size(), score);
    // what attempts(...) would read back: the wrong answers in SEQ_NO order
    List<String> wrongKeys = wrong.stream().sorted(Comparator.comparingInt(Question::seq)).map(Question::key)
        .collect(Collectors.toCollection(ArrayList::new));
    return new Attempt(id, round, agent, no, taskId, asked.size(), correct, score, passMark, passed, wrongKeys,
        submittedAt);
  }

  List<Attempt> attempts(String code, int round, String agent) {
    return records.attempts("t.CAMPAIGN_CODE = ? and t.ROUND_NO = ? and t.AGENT_ID = ?", "t.ATTEMPT_NO", code, round,
        agent);
  }

  List<Attempt> attempts(String code) {
    return records.attempts("t.CAMPAIGN_CODE = ?", "t.ROUND_NO, t.AGENT_ID, t.ATTEMPT_NO", code);
  }

  // ---- questions agents ask ----------------------------------------------------------------------------------

  AskedQuestion ask(String code, int round, String agent, String question) {
    String id = UUID.randomUUID().toString();
    records.insertAsked(id, code, round, agent, question, Instant.now());
    log.info("campaign {} briefing: {} asked a question ({})", code, agent, id);
    return asked(id).orElseThrow();
  }

  /** Records the answer once; returns false when the question was answered already. */
  boolean answer(String id, String answer, String by) {
    return records.answer(id, answer, by, Instant.now());
  }

  Optional<AskedQuestion> asked(String id) {
    return records.asked(id);
  }

  List<AskedQuestion> askedQuestions(String code) {
    return records.askedQuestions(code);
  }

  // ---- JSON ------------------------------------------------------------------------------------------------

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
