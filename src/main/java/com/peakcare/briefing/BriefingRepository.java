package com.peakcare.briefing;

import static com.peakcare.web.JdbcTime.instant;
import static com.peakcare.web.JdbcTime.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.BriefingRecords.Briefing;
import com.peakcare.briefing.BriefingRecords.Option;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The briefing's own tables (PC_BRIEFING, PC_BRIEFING_ROUND, PC_BRIEFING_QUESTION, PC_BRIEFING_ATTEMPT,
 * PC_BRIEFING_ANSWER, PC_BRIEFING_QA): every select, insert and update {@link Briefings} makes, and nothing else; what
 * a round carries over, how a quiz is scored and what an agent still has to learn stay in the service. The credits
 * are {@link BriefingCredits}', the figures {@link BriefingFigures}'.
 */
@Repository
class BriefingRepository {

  private final JdbcTemplate jdbc;

  BriefingRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  // ---- PC_BRIEFING -------------------------------------------------------------------------------------------

  void insertBriefing(String code, String processInstanceId, String status, Instant openedAt) {
    jdbc.update("insert into PC_BRIEFING (CAMPAIGN_CODE, PROCESS_INSTANCE_ID, STATUS, CURRENT_ROUND, OPENED_AT) "
        + "values (?, ?, ?, 0, ?)", code, processInstanceId, status, utc(openedAt));
  }

  Optional<Briefing> find(String code) {
    return jdbc.query("select * from PC_BRIEFING where CAMPAIGN_CODE = ?", (rs, i) -> new Briefing(
        rs.getString("CAMPAIGN_CODE"), rs.getString("PROCESS_INSTANCE_ID"), rs.getString("STATUS"),
        rs.getInt("CURRENT_ROUND"), instant(rs, "OPENED_AT")), code).stream().findFirst();
  }

  void setStatus(String code, String status) {
    jdbc.update("update PC_BRIEFING set STATUS = ? where CAMPAIGN_CODE = ?", status, code);
  }

  void setCurrentRound(String code, int round) {
    jdbc.update("update PC_BRIEFING set CURRENT_ROUND = ? where CAMPAIGN_CODE = ?", round, code);
  }

  // ---- PC_BRIEFING_ROUND -------------------------------------------------------------------------------------

  void insertRound(String code, int no, int version, String versionHash, String reason, List<String> changedItems,
      Instant readyBy, Instant openedAt) {
    jdbc.update("insert into PC_BRIEFING_ROUND (CAMPAIGN_CODE, ROUND_NO, VERSION_NO, VERSION_HASH, REASON, "
            + "CHANGED_ITEMS, READY_BY, OPENED_AT) values (?, ?, ?, ?, ?, ?, ?, ?)",
        code, no, version, versionHash, reason, String.join(",", changedItems), utc(readyBy), utc(openedAt));
  }

  void endRound(String code, int round, String outcome, Instant at) {
    jdbc.update("update PC_BRIEFING_ROUND set ENDED_AT = ?, OUTCOME = ? where CAMPAIGN_CODE = ? and ROUND_NO = ? "
        + "and ENDED_AT is null", utc(at), outcome, code, round);
  }

  void setNotes(String code, int round, String notes, String by, Instant at) {
    jdbc.update("update PC_BRIEFING_ROUND set NOTES = ?, NOTES_BY = ?, NOTES_AT = ? where CAMPAIGN_CODE = ? "
        + "and ROUND_NO = ?", notes, by, utc(at), code, round);
  }

  void quizOpened(String code, int round, Instant at) {
    jdbc.update("update PC_BRIEFING_ROUND set QUIZ_OPENED_AT = ? where CAMPAIGN_CODE = ? and ROUND_NO = ?",
        utc(at), code, round);
  }

  void escalated(String code, int round, Instant at) {
    jdbc.update("update PC_BRIEFING_ROUND set ESCALATED_AT = ? where CAMPAIGN_CODE = ? and ROUND_NO = ? "
        + "and ESCALATED_AT is null", utc(at), code, round);
  }

  void followedUp(String code, int round, String note, String by) {
    jdbc.update("update PC_BRIEFING_ROUND set FOLLOW_UP_NOTE = ?, FOLLOWED_UP_BY = ? where CAMPAIGN_CODE = ? "
        + "and ROUND_NO = ?", note, by, code, round);
  }

  Optional<Round> round(String code, int no) {
    return jdbc.query("select * from PC_BRIEFING_ROUND where CAMPAIGN_CODE = ? and ROUND_NO = ?",
        BriefingRepository::roundRow, code, no).stream().findFirst();
  }

  List<Round> rounds(String code) {
    return jdbc.query("select * from PC_BRIEFING_ROUND where CAMPAIGN_CODE = ? order by ROUND_NO",
        BriefingRepository::roundRow, code);
  }

  // ---- PC_BRIEFING_QUESTION ----------------------------------------------------------------------------------

  void insertQuestion(String code, int round, int seq, Question q) {
    jdbc.update("insert into PC_BRIEFING_QUESTION (ID, CAMPAIGN_CODE, ROUND_NO, SEQ_NO, QUESTION_KEY, ITEM_ID, SOURCE, "
            + "KIND, TRAP, QUESTION_TEXT, OPTIONS_JSON, CORRECT_OPTION, RULE_TEXT, CREATED_BY) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), code, round, seq, q.key(), q.itemId(), q.source(), q.kind(), q.trap(), q.text(),
        Briefings.json(q.options()), q.correct(), q.rule(), q.createdBy());
  }

  List<Question> questions(String code, int round) {
    return jdbc.query("select * from PC_BRIEFING_QUESTION where CAMPAIGN_CODE = ? and ROUND_NO = ? order by SEQ_NO",
        BriefingRepository::questionRow, code, round);
  }

  // ---- PC_BRIEFING_ATTEMPT and PC_BRIEFING_ANSWER ------------------------------------------------------------

  /** The keys of every question the agent answered in a passed quiz of this campaign. */
  Set<String> covered(String code, String agent) {
    return new HashSet<>(jdbc.queryForList("select distinct a.QUESTION_KEY from PC_BRIEFING_ANSWER a join "
        + "PC_BRIEFING_ATTEMPT t on t.ID = a.ATTEMPT_ID where t.CAMPAIGN_CODE = ? and t.AGENT_ID = ? and t.PASSED = ?",
        String.class, code, agent, true));
  }

  /** The agent's latest attempt number in a round, 0 before the first. */
  int lastAttemptNo(String code, int round, String agent) {
    return jdbc.queryForObject("select coalesce(max(ATTEMPT_NO), 0) from PC_BRIEFING_ATTEMPT "
        + "where CAMPAIGN_CODE = ? and ROUND_NO = ? and AGENT_ID = ?", Integer.class, code, round, agent);
  }

  void insertAttempt(String id, String code, int round, String agent, int no, String taskId, int asked, int correct,
      int score, int passMark, boolean passed, Instant submittedAt) {
    jdbc.update("insert into PC_BRIEFING_ATTEMPT (ID, CAMPAIGN_CODE, ROUND_NO, AGENT_ID, ATTEMPT_NO, TASK_ID, ASKED, "
            + "CORRECT_COUNT, SCORE, PASS_MARK, PASSED, SUBMITTED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, code, round, agent, no, taskId, asked, correct, score, passMark, passed, utc(submittedAt));
  }

  void insertAnswer(String attemptId, String questionKey, int seq, String given, boolean correct) {
    jdbc.update("insert into PC_BRIEFING_ANSWER (ATTEMPT_ID, QUESTION_KEY, SEQ_NO, GIVEN, CORRECT) "
        + "values (?, ?, ?, ?, ?)", attemptId, questionKey, seq, given, correct);
  }

  /**
   * The attempts (PC_BRIEFING_ATTEMPT t) under {@code filter}, in {@code order}, each with its wrong answers' keys:
   * the wrong answers of all of them are read in one query under the same filter, not one query per attempt.
   */
  List<Attempt> attempts(String filter, String order, Object... args) {
    Map<String, List<String>> wrong = new HashMap<>();
    jdbc.query("select a.ATTEMPT_ID, a.QUESTION_KEY from PC_BRIEFING_ANSWER a join PC_BRIEFING_ATTEMPT t "
        + "on t.ID = a.ATTEMPT_ID where " + filter + " and a.CORRECT = false order by a.ATTEMPT_ID, a.SEQ_NO",
        (RowCallbackHandler) rs -> wrong.computeIfAbsent(rs.getString("ATTEMPT_ID"), k -> new ArrayList<>())
            .add(rs.getString("QUESTION_KEY")), args);
    return jdbc.query("select t.* from PC_BRIEFING_ATTEMPT t where " + filter + " order by " + order,
        (rs, i) -> attemptRow(rs, wrong), args);
  }

  // ---- PC_BRIEFING_QA ----------------------------------------------------------------------------------------

  void insertAsked(String id, String code, int round, String agent, String question, Instant at) {
    jdbc.update("insert into PC_BRIEFING_QA (ID, CAMPAIGN_CODE, ROUND_NO, ASKED_BY, QUESTION_TEXT, ASKED_AT) "
        + "values (?, ?, ?, ?, ?, ?)", id, code, round, agent, question, utc(at));
  }

  /** Records the answer once; false when the question was answered already. */
  boolean answer(String id, String answer, String by, Instant at) {
    return jdbc.update("update PC_BRIEFING_QA set ANSWER = ?, ANSWERED_BY = ?, ANSWERED_AT = ? where ID = ? "
        + "and ANSWER is null", answer, by, utc(at), id) == 1;
  }

  Optional<AskedQuestion> asked(String id) {
    return jdbc.query("select * from PC_BRIEFING_QA where ID = ?", BriefingRepository::askedRow, id).stream()
        .findFirst();
  }

  List<AskedQuestion> askedQuestions(String code) {
    return jdbc.query("select * from PC_BRIEFING_QA where CAMPAIGN_CODE = ? order by ASKED_AT, ID",
        BriefingRepository::askedRow, code);
  }

  // ---- rows --------------------------------------------------------------------------------------------------

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
      options = Briefings.JSON.readValue(rs.getString("OPTIONS_JSON"), new TypeReference<List<Option>>() {});
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
