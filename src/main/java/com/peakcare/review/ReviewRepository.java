package com.peakcare.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The review feature's tables (changelog peakcare-080-review.xml): reviews and their issues, cycles and their topics,
 * the leads' actions, and the serious reviews. Writes come in batches (a batch of reviews is a few statements, not one
 * per review); the meeting reads only the cycles' and topics' rows, never the reviews.
 */
@Repository
class ReviewRepository {

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  ReviewRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  // ---- reviews --------------------------------------------------------------------------------------------------

  /** A review's key: the platform's order number and the item's SKU. */
  record Key(String orderNo, String sku) {}

  /** A review as stored, with its analysis. */
  record ReviewRow(Key key, int stars, String text, String followUp, Instant reviewedAt, Instant followUpAt,
      String hash, String overall, double score, boolean negative, boolean hidden, String seriousWords, String source,
      String receivedBy, Instant at) {}

  /** One issue (a negative clause) of a review. */
  record IssueRow(Key key, int seq, String category, String part, int begin, int end, String clause, String words,
      double score, boolean firstOfCategory) {}

  /**
   * The content hashes of the reviews of {@code keys} that are stored. A join on the whole key (the primary key) is a
   * lookup per key whatever the table's statistics say: an {@code ORDER_NO in (…)} of a thousand keys became a
   * sequential scan of a million reviews on PostgreSQL before its first ANALYZE (the benchmark's seeding).
   */
  Map<Key, String> hashes(Collection<Key> keys) {
    Map<Key, String> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    jdbc.query("select r.ORDER_NO, r.SKU, r.CONTENT_HASH from PC_REVIEW r join " + values(keys.size())
        + " on r.ORDER_NO = K.ORDER_NO and r.SKU = K.SKU", rs -> {
          found.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
        }, flat(keys));
    return found;
  }

  /** {@code (values (?, ?), …) K(ORDER_NO, SKU)}: the keys as a table to join on. */
  private static String values(int n) {
    StringBuilder sb = new StringBuilder("(values ");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    }
    return sb.append(") K(ORDER_NO, SKU)").toString();
  }

  private static Object[] flat(Collection<Key> keys) {
    Object[] args = new Object[keys.size() * 2];
    int i = 0;
    for (Key k : keys) {
      args[i++] = k.orderNo();
      args[i++] = k.sku();
    }
    return args;
  }

  void insert(List<ReviewRow> rows) {
    jdbc.batchUpdate("insert into PC_REVIEW (ORDER_NO, SKU, STARS, REVIEW_TEXT, FOLLOW_UP_TEXT, REVIEWED_AT, "
        + "FOLLOW_UP_AT, CONTENT_HASH, OVERALL, SCORE, NEGATIVE, HIDDEN_NEGATIVE, SERIOUS_WORDS, SOURCE, RECEIVED_BY, "
        + "RECEIVED_AT, CHANGED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.stream().map(r -> new Object[] {r.key().orderNo(), r.key().sku(), r.stars(), r.text(), r.followUp(),
            ts(r.reviewedAt()), ts(r.followUpAt()), r.hash(), r.overall(), r.score(), r.negative(), r.hidden(),
            r.seriousWords(), r.source(), r.receivedBy(), ts(r.at()), ts(r.at())}).toList());
  }

  /** A review's new state: analysed again, and counted again by the next cycle. */
  void update(List<ReviewRow> rows) {
    jdbc.batchUpdate("update PC_REVIEW set STARS = ?, REVIEW_TEXT = ?, FOLLOW_UP_TEXT = ?, REVIEWED_AT = ?, "
        + "FOLLOW_UP_AT = ?, CONTENT_HASH = ?, OVERALL = ?, SCORE = ?, NEGATIVE = ?, HIDDEN_NEGATIVE = ?, "
        + "SERIOUS_WORDS = ?, SOURCE = ?, RECEIVED_BY = ?, CHANGED_AT = ?, CYCLE_ID = null "
        + "where ORDER_NO = ? and SKU = ?",
        rows.stream().map(r -> new Object[] {r.stars(), r.text(), r.followUp(), ts(r.reviewedAt()),
            ts(r.followUpAt()), r.hash(), r.overall(), r.score(), r.negative(), r.hidden(), r.seriousWords(),
            r.source(), r.receivedBy(), ts(r.at()), r.key().orderNo(), r.key().sku()}).toList());
    jdbc.batchUpdate("delete from PC_REVIEW_ISSUE where ORDER_NO = ? and SKU = ?",
        rows.stream().map(r -> new Object[] {r.key().orderNo(), r.key().sku()}).toList());
  }

  void insertIssues(List<IssueRow> issues) {
    jdbc.batchUpdate("insert into PC_REVIEW_ISSUE (ORDER_NO, SKU, SEQ_NO, CATEGORY, PART, CLAUSE_BEGIN, CLAUSE_END, "
        + "CLAUSE_TEXT, WORDS, SCORE, FIRST_OF_CATEGORY) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        issues.stream().map(i -> new Object[] {i.key().orderNo(), i.key().sku(), i.seq(), i.category(), i.part(),
            i.begin(), i.end(), i.clause(), i.words(), i.score(), i.firstOfCategory()}).toList());
  }

  // ---- serious reviews ------------------------------------------------------------------------------------------

  /** A serious review as the supervisor's form shows it. */
  record Serious(Key key, String words, int stars, String text, String followUp, Instant openedAt, String handledBy,
      Instant handledAt) {}

  /** Which of {@code keys} have been handed to after-sales already. */
  Set<Key> seriousOpened(Collection<Key> keys) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(jdbc.query("select s.ORDER_NO, s.SKU from PC_REVIEW_SERIOUS s join " + values(keys.size())
        + " on s.ORDER_NO = K.ORDER_NO and s.SKU = K.SKU", (rs, i) -> new Key(rs.getString(1), rs.getString(2)),
        flat(keys)));
  }

  void openSerious(Key key, String words, Instant at) {
    jdbc.update("insert into PC_REVIEW_SERIOUS (ORDER_NO, SKU, WORDS, OPENED_AT) values (?, ?, ?, ?)",
        key.orderNo(), key.sku(), words, ts(at));
  }

  void seriousProcess(Key key, String processInstanceId) {
    jdbc.update("update PC_REVIEW_SERIOUS set PROCESS_INSTANCE_ID = ? where ORDER_NO = ? and SKU = ?",
        processInstanceId, key.orderNo(), key.sku());
  }

  Optional<Serious> serious(Key key) {
    return jdbc.query("select s.WORDS, r.STARS, r.REVIEW_TEXT, r.FOLLOW_UP_TEXT, s.OPENED_AT, s.HANDLED_BY, "
        + "s.HANDLED_AT from PC_REVIEW_SERIOUS s join PC_REVIEW r on r.ORDER_NO = s.ORDER_NO and r.SKU = s.SKU "
        + "where s.ORDER_NO = ? and s.SKU = ?", (rs, i) -> new Serious(key, rs.getString(1), rs.getInt(2),
            rs.getString(3), rs.getString(4), instant(rs, 5), rs.getString(6), instant(rs, 7)),
        key.orderNo(), key.sku()).stream().findFirst();
  }

  /** Records the handling, once: false when it was handled already. */
  boolean handled(Key key, String by, boolean contacted, String note, Instant at) {
    return jdbc.update("update PC_REVIEW_SERIOUS set HANDLED_BY = ?, HANDLED_AT = ?, CUSTOMER_CONTACTED = ?, NOTE = ? "
        + "where ORDER_NO = ? and SKU = ? and HANDLED_AT is null", by, ts(at), contacted, note, key.orderNo(),
        key.sku()) == 1;
  }

  // ---- cycles ---------------------------------------------------------------------------------------------------

  /** A cycle and what it counted (the counts are 0 until it has gathered). */
  record Cycle(String id, String processInstanceId, String reason, String label, Instant periodFrom, Instant periodTo,
      String status, String startedBy, Instant gatheredAt, Instant closedAt, int reviews, int negativeReviews,
      int hiddenNegatives, int seriousReviews) {}

  private static final String CYCLE_COLUMNS = "ID, PROCESS_INSTANCE_ID, REASON, LABEL, PERIOD_FROM, PERIOD_TO, "
      + "STATUS, STARTED_BY, GATHERED_AT, CLOSED_AT, REVIEWS, NEGATIVE_REVIEWS, HIDDEN_NEGATIVES, SERIOUS_REVIEWS";

  private static Cycle cycle(ResultSet rs, int i) throws SQLException {
    return new Cycle(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
        instant(rs, 6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10), rs.getInt(11),
        rs.getInt(12), rs.getInt(13), rs.getInt(14));
  }

  Optional<Cycle> cycle(String id) {
    return jdbc.query("select " + CYCLE_COLUMNS + " from PC_REVIEW_CYCLE where ID = ?", ReviewRepository::cycle, id)
        .stream().findFirst();
  }

  Optional<Cycle> lastCycle() {
    return jdbc.query("select " + CYCLE_COLUMNS + " from PC_REVIEW_CYCLE order by PERIOD_TO desc "
        + "fetch first 1 rows only", ReviewRepository::cycle).stream().findFirst();
  }

  /** The cycle right before {@code cycle} (the one whose end is its start), if any. */
  Optional<Cycle> cycleBefore(Cycle cycle) {
    return jdbc.query("select " + CYCLE_COLUMNS + " from PC_REVIEW_CYCLE where PERIOD_TO = ?",
        ReviewRepository::cycle, ts(cycle.periodFrom())).stream().findFirst();
  }

  /** The latest {@code n} cycles that have gathered, up to and with the one ending at {@code upTo}, newest first. */
  List<Cycle> gatheredCycles(int n, Instant upTo) {
    return jdbc.query("select " + CYCLE_COLUMNS + " from PC_REVIEW_CYCLE where GATHERED_AT is not null "
        + "and PERIOD_TO <= ? order by PERIOD_TO desc fetch first " + n + " rows only", ReviewRepository::cycle,
        ts(upTo));
  }

  /** The latest {@code n} cycles, whatever their status, newest first. */
  List<Cycle> cycles(int n) {
    return jdbc.query("select " + CYCLE_COLUMNS + " from PC_REVIEW_CYCLE order by PERIOD_TO desc fetch first " + n
        + " rows only", ReviewRepository::cycle);
  }

  /** Opens a cycle; the database refuses a second cycle from the same start (two opened at once). */
  void insertCycle(String id, String reason, String label, Instant from, Instant to, String by) {
    jdbc.update("insert into PC_REVIEW_CYCLE (ID, REASON, LABEL, PERIOD_FROM, PERIOD_TO, STATUS, STARTED_BY) "
        + "values (?, ?, ?, ?, ?, ?, ?)", id, reason, label, ts(from), ts(to), ReviewCycleProcess.Status.GATHERING, by);
  }

  void cycleProcess(String id, String processInstanceId) {
    jdbc.update("update PC_REVIEW_CYCLE set PROCESS_INSTANCE_ID = ? where ID = ?", processInstanceId, id);
  }

  void cycleStatus(String id, String status, Instant closedAt) {
    jdbc.update("update PC_REVIEW_CYCLE set STATUS = ?, CLOSED_AT = coalesce(?, CLOSED_AT) where ID = ?", status,
        ts(closedAt), id);
  }

  /** Every review not yet counted becomes this cycle's: a review being written right now waits for the next. */
  int claim(String cycleId) {
    return jdbc.update("update PC_REVIEW set CYCLE_ID = ? where CYCLE_ID is null", cycleId);
  }

  /** The cycle's totals: reviews, negative reviews, hidden negatives, serious reviews. */
  int[] totals(String cycleId) {
    return jdbc.queryForObject("select count(*), "
        + "coalesce(sum(case when NEGATIVE then 1 else 0 end), 0), "
        + "coalesce(sum(case when HIDDEN_NEGATIVE then 1 else 0 end), 0), "
        + "coalesce(sum(case when SERIOUS_WORDS is not null then 1 else 0 end), 0) "
        + "from PC_REVIEW where CYCLE_ID = ?", (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3),
            rs.getInt(4)}, cycleId);
  }

  void gathered(String cycleId, int[] totals, Instant at) {
    jdbc.update("update PC_REVIEW_CYCLE set REVIEWS = ?, NEGATIVE_REVIEWS = ?, HIDDEN_NEGATIVES = ?, SERIOUS_REVIEWS = ?, "
        + "GATHERED_AT = ? where ID = ?", totals[0], totals[1], totals[2], totals[3], ts(at), cycleId);
  }

  /** Per category: negative clauses, reviews with one, of those hidden negatives. */
  record Count(String category, int issues, int reviews, int hidden) {}

  List<Count> counts(String cycleId) {
    return jdbc.query("select i.CATEGORY, count(*), "
        + "sum(case when i.FIRST_OF_CATEGORY then 1 else 0 end), "
        + "sum(case when i.FIRST_OF_CATEGORY and r.HIDDEN_NEGATIVE then 1 else 0 end) "
        + "from PC_REVIEW r join PC_REVIEW_ISSUE i on i.ORDER_NO = r.ORDER_NO and i.SKU = r.SKU "
        + "where r.CYCLE_ID = ? group by i.CATEGORY",
        (rs, i) -> new Count(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), cycleId);
  }

  /** An example of a category's problem: the review and the clause, where it stands. */
  record Example(String category, boolean hidden, String orderNo, String sku, int stars, String text, String followUp,
      String part, int begin, int end, String clause, String words, double score) {}

  /** Per category and kind (hidden or plain negative), the three most negative first clauses of the cycle. */
  List<Example> examples(String cycleId) {
    return jdbc.query("select CATEGORY, HIDDEN_NEGATIVE, ORDER_NO, SKU, STARS, REVIEW_TEXT, FOLLOW_UP_TEXT, PART, "
        + "CLAUSE_BEGIN, CLAUSE_END, CLAUSE_TEXT, WORDS, SCORE from (select i.CATEGORY, r.HIDDEN_NEGATIVE, r.ORDER_NO, "
        + "r.SKU, r.STARS, r.REVIEW_TEXT, r.FOLLOW_UP_TEXT, i.PART, i.CLAUSE_BEGIN, i.CLAUSE_END, i.CLAUSE_TEXT, "
        + "i.WORDS, i.SCORE, row_number() over (partition by i.CATEGORY, r.HIDDEN_NEGATIVE "
        + "order by i.SCORE, r.ORDER_NO, r.SKU, i.SEQ_NO) as RN "
        + "from PC_REVIEW r join PC_REVIEW_ISSUE i on i.ORDER_NO = r.ORDER_NO and i.SKU = r.SKU "
        + "where r.CYCLE_ID = ? and i.FIRST_OF_CATEGORY) X where RN <= 3 order by CATEGORY, SCORE",
        (rs, i) -> new Example(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11),
            rs.getString(12), rs.getDouble(13)), cycleId);
  }

  // ---- topics ---------------------------------------------------------------------------------------------------

  /** A category's problems in a cycle (zeros: carried over for its open actions) and the lead's meeting on it. */
  record Topic(String cycleId, String category, String department, int issues, int reviews, int hidden,
      Integer previousReviews, Integer previousTotal, String examplesJson, String discussedBy, Instant discussedAt,
      String note) {}

  private static final String TOPIC_COLUMNS = "CYCLE_ID, CATEGORY, DEPARTMENT, ISSUES, REVIEWS, HIDDEN, "
      + "PREVIOUS_REVIEWS, PREVIOUS_TOTAL, EXAMPLES_JSON, DISCUSSED_BY, DISCUSSED_AT, NOTE";

  private static Topic topic(ResultSet rs, int i) throws SQLException {
    return new Topic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
        rs.getObject(7, Integer.class), rs.getObject(8, Integer.class), rs.getString(9),
        rs.getString(10), instant(rs, 11), rs.getString(12));
  }

  void insertTopics(List<Topic> topics) {
    jdbc.batchUpdate("insert into PC_REVIEW_TOPIC (CYCLE_ID, CATEGORY, ISSUES, REVIEWS, HIDDEN, PREVIOUS_REVIEWS, "
        + "PREVIOUS_TOTAL, EXAMPLES_JSON) values (?, ?, ?, ?, ?, ?, ?, ?)", topics.stream().map(t -> new Object[] {
            t.cycleId(), t.category(), t.issues(), t.reviews(), t.hidden(), t.previousReviews(), t.previousTotal(),
            t.examplesJson()}).toList());
  }

  void topicDepartment(String cycleId, String category, String department) {
    jdbc.update("update PC_REVIEW_TOPIC set DEPARTMENT = ? where CYCLE_ID = ? and CATEGORY = ?", department, cycleId,
        category);
  }

  Optional<Topic> topic(String cycleId, String category) {
    return jdbc.query("select " + TOPIC_COLUMNS + " from PC_REVIEW_TOPIC where CYCLE_ID = ? and CATEGORY = ?",
        ReviewRepository::topic, cycleId, category).stream().findFirst();
  }

  /** The topics of the given cycles. */
  List<Topic> topics(Collection<String> cycleIds) {
    if (cycleIds.isEmpty()) {
      return List.of();
    }
    return named.query("select " + TOPIC_COLUMNS + " from PC_REVIEW_TOPIC where CYCLE_ID in (:ids)",
        Map.of("ids", cycleIds), ReviewRepository::topic);
  }

  void topicDiscussed(String cycleId, String category, String by, String note, Instant at) {
    jdbc.update("update PC_REVIEW_TOPIC set DISCUSSED_BY = ?, DISCUSSED_AT = ?, NOTE = ? where CYCLE_ID = ? "
        + "and CATEGORY = ?", by, ts(at), note, cycleId, category);
  }

  // ---- actions --------------------------------------------------------------------------------------------------

  /** An action a lead recorded. */
  record Action(String id, String category, String department, String text, String owner, LocalDate due,
      String status, String createdCycle, String createdBy, Instant createdAt, String closedCycle, String closedBy,
      Instant closedAt) {}

  private static final String ACTION_COLUMNS = "ID, CATEGORY, DEPARTMENT, ACTION_TEXT, OWNER_ID, DUE_DATE, STATUS, "
      + "CREATED_CYCLE, CREATED_BY, CREATED_AT, CLOSED_CYCLE, CLOSED_BY, CLOSED_AT";

  private static Action action(ResultSet rs, int i) throws SQLException {
    return new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
        rs.getString(11), rs.getString(12), instant(rs, 13));
  }

  /** Open actions, of one category or (null) of all, oldest first. */
  List<Action> openActions(String category) {
    return category == null
        ? jdbc.query("select " + ACTION_COLUMNS + " from PC_REVIEW_ACTION where STATUS = 'OPEN' "
            + "order by DUE_DATE, CREATED_AT, ID", ReviewRepository::action)
        : jdbc.query("select " + ACTION_COLUMNS + " from PC_REVIEW_ACTION where STATUS = 'OPEN' and CATEGORY = ? "
            + "order by DUE_DATE, CREATED_AT, ID", ReviewRepository::action, category);
  }

  /** The actions of a cycle's meeting: those opened and those closed in it. */
  List<Action> actionsOfCycle(String cycleId) {
    return jdbc.query("select " + ACTION_COLUMNS + " from PC_REVIEW_ACTION where CREATED_CYCLE = ? "
        + "or CLOSED_CYCLE = ? order by CATEGORY, CREATED_AT, ID", ReviewRepository::action, cycleId, cycleId);
  }

  List<String> openActionCategories() {
    return jdbc.queryForList("select distinct CATEGORY from PC_REVIEW_ACTION where STATUS = 'OPEN'", String.class);
  }

  void insertActions(List<Action> actions) {
    jdbc.batchUpdate("insert into PC_REVIEW_ACTION (ID, CATEGORY, DEPARTMENT, ACTION_TEXT, OWNER_ID, DUE_DATE, STATUS, "
        + "CREATED_CYCLE, CREATED_BY, CREATED_AT) values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)",
        actions.stream().map(a -> new Object[] {a.id(), a.category(), a.department(), a.text(), a.owner(),
            java.sql.Date.valueOf(a.due()), a.createdCycle(), a.createdBy(), ts(a.createdAt())}).toList());
  }

  /** Closes open actions of {@code category}; the number closed (an id closed already or of another category: not). */
  int closeActions(Collection<String> ids, String category, String cycleId, String by, Instant at) {
    if (ids.isEmpty()) {
      return 0;
    }
    return named.update("update PC_REVIEW_ACTION set STATUS = 'DONE', CLOSED_CYCLE = :cycle, CLOSED_BY = :by, "
        + "CLOSED_AT = :at where ID in (:ids) and CATEGORY = :category and STATUS = 'OPEN'",
        Map.of("cycle", cycleId, "by", by, "at", ts(at), "ids", ids, "category", category));
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

}
