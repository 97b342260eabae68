package com.peakcare.briefing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.BriefingRecords.Briefing;
import com.peakcare.briefing.BriefingRecords.Option;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.briefing.CampaignBriefingProcess.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * The briefing's records: the briefing of each live campaign, its rounds with their notes and questions, the quizzes
 * agents submitted (append-only, with every answer) and the questions agents asked. Delegates, the task policy and
 * the controller all go through here; nobody else reads these tables.
 */
@Service
class Briefings {

  private static final Logger log = LoggerFactory.getLogger(Briefings.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GENERATED = "GENERATED";
  static final String OPS = "OPS";
  static final String LAUNCH = "LAUNCH";
  static final String CORRECTION = "CORRECTION";

  private final JdbcTemplate jdbc;

  Briefings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  // ---- briefing and rounds -----------------------------------------------------------------------------------

  /**
   * The briefing of a campaign. {@link BriefingStart} opens it only for a campaign without one; the primary key on
   * CAMPAIGN_CODE refuses a second.
   */
  void open(String code, String processInstanceId) {
    jdbc.update("insert into PC_BRIEFING (CAMPAIGN_CODE, PROCESS_INSTANCE_ID, STATUS, CURRENT_ROUND, OPENED_AT) "
        + "values (?, ?, ?, 0, ?)", code, processInstanceId, Status.PREPARING, utc(Instant.now()));
  }

  Optional<Briefing> find(String code) {
    return jdbc.query("select * from PC_BRIEFING where CAMPAIGN_CODE = ?", (rs, i) -> new Briefing(
        rs.getString("CAMPAIGN_CODE"), rs.getString("PROCESS_INSTANCE_ID"), rs.getString("STATUS"),
        rs.getInt("CURRENT_ROUND"), instant(rs, "OPENED_AT")), code).stream().findFirst();
  }

  Briefing require(String code) {
    return find(code).orElseThrow(() -> new IllegalStateException("campaign " + code + " has no briefing"));
  }

  void setStatus(String code, String status) {
    jdbc.update("update PC_BRIEFING set STATUS = ? where CAMPAIGN_CODE = ?", status, code);
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
    jdbc.update("insert into PC_BRIEFING_ROUND (CAMPAIGN_CODE, ROUND_NO, VERSION_NO, VERSION_HASH, REASON, "
            + "CHANGED_ITEMS, READY_BY, OPENED_AT) values (?, ?, ?, ?, ?, ?, ?, ?)",
        code, no, version, versionHash, no == 1 ? LAUNCH : CORRECTION, String.join(",", changedItems),
        utc(readyBy), utc(now));
    int seq = 0;
    for (Question q : generated) {
      insertQuestion(code, no, ++seq, q);
    }
    if (b.currentRound() > 0) {
      for (Question q : questions(code, b.currentRound())) {
        if (OPS.equals(q.source())) {
          insertQuestion(code, no, ++seq, q);
        }
      }
    }
    jdbc.update("update PC_BRIEFING set CURRENT_ROUND = ? where CAMPAIGN_CODE = ?", no, code);
    log.info("campaign {} briefing round {} opened for version {} ({} question(s)), ready by {}", code, no, version,
        seq, readyBy);
    return round(code, no);
  }

  /** Ends a round that has not ended: ALL_READY, SUPERSEDED or CLOSED. */
  void endRound(String code, int round, String outcome) {
    jdbc.update("update PC_BRIEFING_ROUND set ENDED_AT = ?, OUTCOME = ? where CAMPAIGN_CODE = ? and ROUND_NO = ? "
        + "and ENDED_AT is null", utc(Instant.now()), outcome, code, round);
  }

  /** The setter's notes and ops' own questions, appended to the round's generated ones. */
  void publishNotes(String code, int round, String notes, String by, List<Question> opsQuestions) {
    jdbc.update("update PC_BRIEFING_ROUND set NOTES = ?, NOTES_BY = ?, NOTES_AT = ? where CAMPAIGN_CODE = ? "
        + "and ROUND_NO = ?", notes, by, utc(Instant.now()), code, round);
    int seq = questions(code, round).size();
    for (Question q : opsQuestions) {
      insertQuestion(code, round, ++seq, q);
    }
    log.info("campaign {} briefing round {}: notes published by {}, {} own question(s)", code, round, by,
        opsQuestions.size());
  }

  void quizOpened(String code, int round) {
    jdbc.update("update PC_BRIEFING_ROUND set QUIZ_OPENED_AT = ? where CAMPAIGN_CODE = ? and ROUND_NO = ?",
        utc(Instant.now()), code, round);
  }

  void escalated(String code, int round) {
    jdbc.update("update PC_BRIEFING_ROUND set ESCALATED_AT = ? where CAMPAIGN_CODE = ? and ROUND_NO = ? "
        + "and ESCALATED_AT is null", utc(Instant.now()), code, round);
  }

  void followedUp(String code, int round, String note, String by) {
    jdbc.update("update PC_BRIEFING_ROUND set FOLLOW_UP_NOTE = ?, FOLLOWED_UP_BY = ? where CAMPAIGN_CODE = ? "
        + "and ROUND_NO = ?", note, by, code, round);
  }

  Round round(String code, int no) {
    return jdbc.query("select * from PC_BRIEFING_ROUND where CAMPAIGN_CODE = ? and ROUND_NO = ?", Briefings::roundRow,
        code, no).stream().findFirst().orElseThrow(() -> new IllegalStateException("campaign " + code
        + " has no briefing round " + no));
  }

  Optional<Round> currentRound(String code) {
    return find(code).filter(b -> b.currentRound() > 0).map(b -> round(code, b.currentRound()));
  }

  List<Round> rounds(String code) {
    return jdbc.query("select * from PC_BRIEFING_ROUND where CAMPAIGN_CODE = ? order by ROUND_NO", Briefings::roundRow,
        code);
  }

  // ---- questions, coverage, attempts -------------------------------------------------------------------------

  List<Question> questions(String code, int round) {
    return jdbc.query("select * from PC_BRIEFING_QUESTION where CAMPAIGN_CODE = ? and ROUND_NO = ? order by SEQ_NO",
        Briefings::questionRow, code, round);
  }

  /** The keys of every question the agent answered in a passed quiz of this campaign: what they need not learn again. */
  Set<String> covered(String code, String agent) {
    return new HashSet<>(jdbc.queryForList("select distinct a.QUESTION_KEY from PC_BRIEFING_ANSWER a join "
        + "PC_BRIEFING_ATTEMPT t on t.ID = a.ATTEMPT_ID where t.CAMPAIGN_CODE = ? and t.AGENT_ID = ? and t.PASSED = ?",
        String.class, code, agent, true));
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
    int last = jdbc.queryForObject("select coalesce(max(ATTEMPT_NO), 0) from PC_BRIEFING_ATTEMPT "
        + "where CAMPAIGN_CODE = ? and ROUND_NO = ? and AGENT_ID = ?", Integer.class, code, round, agent);
    int no = last + 1;
    String id = UUID.randomUUID().toString();
    // TIMESTAMP WITH TIME ZONE keeps microseconds: the instant stored is the instant returned, to the microsecond
    Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    jdbc.update("insert into PC_BRIEFING_ATTEMPT (ID, CAMPAIGN_CODE, ROUND_NO, AGENT_ID, ATTEMPT_NO, TASK_ID, ASKED, "
            + "CORRECT_COUNT, SCORE, PASS_MARK, PASSED, SUBMITTED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, code, round, agent, no, taskId, asked.size(), correct, score, passMark, passed, utc(submittedAt));
    List<Question> wrong = new ArrayList<>();
    for (Question q : asked) {
      String choice = given.get(q.key());
      boolean right = q.correct().equals(choice);
      jdbc.update("insert into PC_BRIEFING_ANSWER (ATTEMPT_ID, QUESTION_KEY, SEQ_NO, GIVEN, CORRECT) "
          + "values (?, ?, ?, ?, ?)", id, q.key(), q.seq(), choice, right);
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
    return attempts("t.CAMPAIGN_CODE = ? and t.ROUND_NO = ? and t.AGENT_ID = ?", "t.ATTEMPT_NO", code, round, agent);
  }

  List<Attempt> attempts(String code) {
    return attempts("t.CAMPAIGN_CODE = ?", "t.ROUND_NO, t.AGENT_ID, t.ATTEMPT_NO", code);
  }

  /**
   * The attempts (PC_BRIEFING_ATTEMPT t) under {@code filter}, in {@code order}, each with its wrong answers' keys:
   * the wrong answers of all of them are read in one query under the same filter, not one query per attempt.
   */
  private List<Attempt> attempts(String filter, String order, Object... args) {
    Map<String, List<String>> wrong = new HashMap<>();
    jdbc.query("select a.ATTEMPT_ID, a.QUESTION_KEY from PC_BRIEFING_ANSWER a join PC_BRIEFING_ATTEMPT t "
        + "on t.ID = a.ATTEMPT_ID where " + filter + " and a.CORRECT = false order by a.ATTEMPT_ID, a.SEQ_NO",
        (RowCallbackHandler) rs -> wrong.computeIfAbsent(rs.getString("ATTEMPT_ID"), k -> new ArrayList<>())
            .add(rs.getString("QUESTION_KEY")), args);
    return jdbc.query("select t.* from PC_BRIEFING_ATTEMPT t where " + filter + " order by " + order,
        (rs, i) -> attemptRow(rs, wrong), args);
  }

  // ---- questions agents ask ----------------------------------------------------------------------------------

  AskedQuestion ask(String code, int round, String agent, String question) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into PC_BRIEFING_QA (ID, CAMPAIGN_CODE, ROUND_NO, ASKED_BY, QUESTION_TEXT, ASKED_AT) "
        + "values (?, ?, ?, ?, ?, ?)", id, code, round, agent, question, utc(Instant.now()));
    log.info("campaign {} briefing: {} asked a question ({})", code, agent, id);
    return asked(id).orElseThrow();
  }

  /** Records the answer once; returns false when the question was answered already. */
  boolean answer(String id, String answer, String by) {
    return jdbc.update("update PC_BRIEFING_QA set ANSWER = ?, ANSWERED_BY = ?, ANSWERED_AT = ? where ID = ? "
        + "and ANSWER is null", answer, by, utc(Instant.now()), id) == 1;
  }

  Optional<AskedQuestion> asked(String id) {
    return jdbc.query("select * from PC_BRIEFING_QA where ID = ?", Briefings::askedRow, id).stream().findFirst();
  }

  List<AskedQuestion> askedQuestions(String code) {
    return jdbc.query("select * from PC_BRIEFING_QA where CAMPAIGN_CODE = ? order by ASKED_AT, ID",
        Briefings::askedRow, code);
  }

  // ---- rows --------------------------------------------------------------------------------------------------

  private void insertQuestion(String code, int round, int seq, Question q) {
    jdbc.update("insert into PC_BRIEFING_QUESTION (ID, CAMPAIGN_CODE, ROUND_NO, SEQ_NO, QUESTION_KEY, ITEM_ID, SOURCE, "
            + "KIND, TRAP, QUESTION_TEXT, OPTIONS_JSON, CORRECT_OPTION, RULE_TEXT, CREATED_BY) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), code, round, seq, q.key(), q.itemId(), q.source(), q.kind(), q.trap(), q.text(),
        json(q.options()), q.correct(), q.rule(), q.createdBy());
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Round roundRow(ResultSet rs, int i) throws SQLException {
    String changed = rs.getString("CHANGED_ITEMS");
    return new Round(rs.getInt("ROUND_NO"), rs.getInt("VERSION_NO"), rs.getString("VERSION_HASH"),
        rs.getString("REASON"), changed == null || changed.isBlank() ? List.of() : Arrays.asList(changed.split(",")),
        instant(rs, "READY_BY"), rs.getString("NOTES"), rs.getString("NOTES_BY"), instant(rs, "NOTES_AT"),
        instant(rs, "OPENED_AT"), instant(rs, "QUIZ_OPENED_AT"), instant(rs, "ESCALATED_AT"),
        rs.getString("FOLLOW_UP_NOTE"), rs.getString("FOLLOWED_UP_BY"), instant(rs, "ENDED_AT"),
        rs.getString("OUTCOME"));
  }

  private static Question questionRow(ResultSet rs, int i) throws SQLException {
    List<Option> options;
    try {
      options = JSON.readValue(rs.getString("OPTIONS_JSON"), new TypeReference<List<Option>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored options unreadable", e);
    }
    return new Question(rs.getString("ID"), rs.getInt("ROUND_NO"), rs.getInt("SEQ_NO"), rs.getString("QUESTION_KEY"),
        rs.getString("ITEM_ID"), rs.getString("SOURCE"), rs.getString("KIND"), rs.getString("TRAP"),
        rs.getString("QUESTION_TEXT"), options, rs.getString("CORRECT_OPTION"), rs.getString("RULE_TEXT"),
        rs.getString("CREATED_BY"));
  }

  /** One attempt row, with its wrong answers' keys from {@code wrongByAttempt} (attempt id → keys, SEQ_NO order). */
  private static Attempt attemptRow(ResultSet rs, Map<String, List<String>> wrongByAttempt) throws SQLException {
    String id = rs.getString("ID");
    List<String> wrong = new ArrayList<>(wrongByAttempt.getOrDefault(id, List.of()));
    return new Attempt(id, rs.getInt("ROUND_NO"), rs.getString("AGENT_ID"), rs.getInt("ATTEMPT_NO"),
        rs.getString("TASK_ID"), rs.getInt("ASKED"), rs.getInt("CORRECT_COUNT"), rs.getInt("SCORE"),
        rs.getInt("PASS_MARK"), rs.getBoolean("PASSED"), wrong, instant(rs, "SUBMITTED_AT"));
  }

  private static AskedQuestion askedRow(ResultSet rs, int i) throws SQLException {
    return new AskedQuestion(rs.getString("ID"), rs.getInt("ROUND_NO"), rs.getString("ASKED_BY"),
        rs.getString("QUESTION_TEXT"), instant(rs, "ASKED_AT"), rs.getString("ANSWER"), rs.getString("ANSWERED_BY"),
        instant(rs, "ANSWERED_AT"));
  }
}
