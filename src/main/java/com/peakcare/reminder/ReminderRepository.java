package com.peakcare.reminder;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Payment reminders' tables (changelog peakcare-090-reminder): campaigns, each buyer's stored group, the orders a
 * campaign met with their plan's steps, and the buyers who opted out or are blocked. Every state change is a
 * conditional update, so two nodes polling the same due step, or a payment racing a reminder, change it once.
 */
@Repository
class ReminderRepository {

  static final String RUNNING = "RUNNING";
  static final String ENDED = "ENDED";

  record Campaign(String id, String name, String salt, BigDecimal holdoutShare, String tierShares, String status,
      String createdBy, Instant startedAt, Instant endedAt) {}

  record OrderRow(String orderNo, String campaignId, String buyerId, String group, String tier, String itemRole,
      String category, BigDecimal amount, String planChannel, int planSteps, Instant orderedAt, Instant closeAt,
      String state, String skipReason, Instant paidAt, BigDecimal paidAmount, Instant firstRemindedAt,
      int messagesSent, int smsSent, int callsMade) {}

  record Step(String orderNo, int stepNo, String channel, String template, Instant dueAt, String state, String reason,
      String noticeKey, Instant doneAt, String callOutcome, String calledBy) {}

  /** One cell of the report: orders of a group and stratum, how many paid, for how much, the reminders they got. */
  record Cell(String group, String tier, String itemRole, String planChannel, int planSteps, long orders, long paid,
      BigDecimal paidAmount, long reminded, long paidAfterReminder, long sms, long calls, long open) {}

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  ReminderRepository(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = isPostgres(dataSource);
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database: " + e.getMessage(), e);
    }
  }

  // ---- campaigns ---------------------------------------------------------------------------------------------

  void insertCampaign(Campaign c) {
    jdbc.update("insert into PC_REMINDER_CAMPAIGN (CAMPAIGN_ID, NAME, SALT, HOLDOUT_SHARE, TIER_SHARES, STATUS,"
            + " CREATED_BY, STARTED_AT) values (?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.name(), c.salt(), c.holdoutShare(),
        c.tierShares(), c.status(), c.createdBy(), ts(c.startedAt()));
  }

  Optional<Campaign> campaign(String id) {
    return jdbc.query("select * from PC_REMINDER_CAMPAIGN where CAMPAIGN_ID = ?", ReminderRepository::campaign, id)
        .stream().findFirst();
  }

  Optional<Campaign> running() {
    return jdbc.query("select * from PC_REMINDER_CAMPAIGN where STATUS = ? order by STARTED_AT desc",
        ReminderRepository::campaign, RUNNING).stream().findFirst();
  }

  List<Campaign> campaigns() {
    return jdbc.query("select * from PC_REMINDER_CAMPAIGN order by STARTED_AT desc", ReminderRepository::campaign);
  }

  boolean endCampaign(String id, Instant at) {
    return jdbc.update("update PC_REMINDER_CAMPAIGN set STATUS = ?, ENDED_AT = ? where CAMPAIGN_ID = ? and STATUS = ?",
        ENDED, ts(at), id, RUNNING) == 1;
  }

  private static Campaign campaign(ResultSet rs, int i) throws SQLException {
    return new Campaign(rs.getString("CAMPAIGN_ID"), rs.getString("NAME"), rs.getString("SALT"),
        rs.getBigDecimal("HOLDOUT_SHARE"), rs.getString("TIER_SHARES"), rs.getString("STATUS"),
        rs.getString("CREATED_BY"), instant(rs, "STARTED_AT"), instant(rs, "ENDED_AT"));
  }

  // ---- assignments -------------------------------------------------------------------------------------------

  /** Stores the buyer's group unless one is stored already (never changed): then that one stays. */
  void assignIfAbsent(String campaignId, String buyerId, String group, int bucket, String tier, Instant at) {
    if (postgres) {
      jdbc.update("insert into PC_REMINDER_ASSIGNMENT (CAMPAIGN_ID, BUYER_ID, GRP, BUCKET, TIER, ASSIGNED_AT)"
          + " values (?, ?, ?, ?, ?, ?) on conflict do nothing", campaignId, buyerId, group, bucket, tier, ts(at));
    } else {
      jdbc.update("insert into PC_REMINDER_ASSIGNMENT (CAMPAIGN_ID, BUYER_ID, GRP, BUCKET, TIER, ASSIGNED_AT)"
              + " select ?, ?, ?, ?, ?, ? from (values (1)) where not exists (select 1 from PC_REMINDER_ASSIGNMENT"
              + " where CAMPAIGN_ID = ? and BUYER_ID = ?)", campaignId, buyerId, group, bucket, tier, ts(at),
          campaignId, buyerId);
    }
  }

  Optional<String> group(String campaignId, String buyerId) {
    return jdbc.queryForList("select GRP from PC_REMINDER_ASSIGNMENT where CAMPAIGN_ID = ? and BUYER_ID = ?",
        String.class, campaignId, buyerId).stream().findFirst();
  }

  /**
   * The fatigue cap and the hold-out in one conditional update: true (and the buyer counts as reminded now) only for a
   * buyer of the reminded group not reminded since {@code notSince}.
   */
  boolean claimCap(String campaignId, String buyerId, Instant now, Instant notSince) {
    return jdbc.update("update PC_REMINDER_ASSIGNMENT set LAST_REMINDED_AT = ? where CAMPAIGN_ID = ? and BUYER_ID = ?"
            + " and GRP = ? and (LAST_REMINDED_AT is null or LAST_REMINDED_AT <= ?)", ts(now), campaignId, buyerId,
        Holdout.REMINDED, ts(notSince)) == 1;
  }

  Optional<Instant> lastReminded(String campaignId, String buyerId) {
    return jdbc.query("select LAST_REMINDED_AT from PC_REMINDER_ASSIGNMENT where CAMPAIGN_ID = ? and BUYER_ID = ?",
        (rs, i) -> instant(rs, "LAST_REMINDED_AT"), campaignId, buyerId).stream().filter(x -> x != null).findFirst();
  }

  // ---- orders ------------------------------------------------------------------------------------------------

  boolean hasOrder(String orderNo) {
    Integer n = jdbc.queryForObject("select count(*) from PC_REMINDER_ORDER where ORDER_NO = ?", Integer.class,
        orderNo);
    return n != null && n > 0;
  }

  void insertOrder(OrderRow o) {
    jdbc.update("insert into PC_REMINDER_ORDER (ORDER_NO, CAMPAIGN_ID, BUYER_ID, GRP, TIER, ITEM_ROLE, CATEGORY, AMOUNT,"
            + " PLAN_CHANNEL, PLAN_STEPS, ORDERED_AT, CLOSE_AT, STATE, SKIP_REASON) values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?)", o.orderNo(), o.campaignId(), o.buyerId(), o.group(), o.tier(), o.itemRole(),
        o.category(), o.amount(), o.planChannel(), o.planSteps(), ts(o.orderedAt()), ts(o.closeAt()), o.state(),
        o.skipReason());
  }

  Optional<OrderRow> order(String orderNo) {
    return jdbc.query("select * from PC_REMINDER_ORDER where ORDER_NO = ?", ReminderRepository::order, orderNo)
        .stream().findFirst();
  }

  /** The order's row, locked until the transaction ends: a payment registered meanwhile waits for it, or it for that. */
  Optional<OrderRow> lockOrder(String orderNo) {
    return jdbc.query("select * from PC_REMINDER_ORDER where ORDER_NO = ? for update", ReminderRepository::order,
        orderNo).stream().findFirst();
  }

  /** The order was paid, cancelled or closed: true when it was still ACTIVE. */
  boolean stopOrder(String orderNo, String state, Instant paidAt, BigDecimal paidAmount) {
    return jdbc.update("update PC_REMINDER_ORDER set STATE = ?, PAID_AT = ?, PAID_AMOUNT = ? where ORDER_NO = ?"
        + " and STATE = ?", state, ts(paidAt), paidAmount, orderNo, ReminderStates.ACTIVE) == 1;
  }

  void countReminder(String orderNo, String channel, Instant at) {
    jdbc.update("update PC_REMINDER_ORDER set MESSAGES_SENT = MESSAGES_SENT + 1,"
            + " SMS_SENT = SMS_SENT + ?, CALLS_MADE = CALLS_MADE + ?,"
            + " FIRST_REMINDED_AT = coalesce(FIRST_REMINDED_AT, ?) where ORDER_NO = ?",
        Channels.SMS.equals(channel) ? 1 : 0, Channels.PHONE.equals(channel) ? 1 : 0, ts(at), orderNo);
  }

  /** The buyer's orders this campaign met, and how many were paid: what the caller sees before phoning. */
  long[] buyerHistory(String buyerId) {
    return jdbc.queryForObject("select count(*), coalesce(sum(case when STATE = ? then 1 else 0 end), 0)"
            + " from PC_REMINDER_ORDER where BUYER_ID = ?", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
        ReminderStates.PAID, buyerId);
  }

  private static OrderRow order(ResultSet rs, int i) throws SQLException {
    return new OrderRow(rs.getString("ORDER_NO"), rs.getString("CAMPAIGN_ID"), rs.getString("BUYER_ID"),
        rs.getString("GRP"), rs.getString("TIER"), rs.getString("ITEM_ROLE"), rs.getString("CATEGORY"),
        rs.getBigDecimal("AMOUNT"), rs.getString("PLAN_CHANNEL"), rs.getInt("PLAN_STEPS"), instant(rs, "ORDERED_AT"),
        instant(rs, "CLOSE_AT"), rs.getString("STATE"), rs.getString("SKIP_REASON"), instant(rs, "PAID_AT"),
        rs.getBigDecimal("PAID_AMOUNT"), instant(rs, "FIRST_REMINDED_AT"), rs.getInt("MESSAGES_SENT"),
        rs.getInt("SMS_SENT"), rs.getInt("CALLS_MADE"));
  }

  // ---- steps -------------------------------------------------------------------------------------------------

  void insertSteps(List<Step> steps) {
    jdbc.batchUpdate("insert into PC_REMINDER_STEP (ORDER_NO, STEP_NO, CHANNEL, TEMPLATE, DUE_AT, STATE, REASON)"
        + " values (?, ?, ?, ?, ?, ?, ?)", steps, steps.size(), (ps, s) -> {
          ps.setString(1, s.orderNo());
          ps.setInt(2, s.stepNo());
          ps.setString(3, s.channel());
          ps.setString(4, s.template());
          ps.setTimestamp(5, ts(s.dueAt()));
          ps.setString(6, s.state());
          ps.setString(7, s.reason());
        });
  }

  List<Step> steps(String orderNo) {
    return jdbc.query("select * from PC_REMINDER_STEP where ORDER_NO = ? order by STEP_NO", ReminderRepository::step,
        orderNo);
  }

  Optional<Step> step(String orderNo, int stepNo) {
    return jdbc.query("select * from PC_REMINDER_STEP where ORDER_NO = ? and STEP_NO = ?", ReminderRepository::step,
        orderNo, stepNo).stream().findFirst();
  }

  /** Pending steps due by {@code now} and claimed by no poller, earliest first (read only: see {@link #claimDue}). */
  List<Step> due(Instant now, int limit) {
    return jdbc.query("select * from PC_REMINDER_STEP where STATE = ? and DUE_AT <= ?"
        + " and (CLAIMED_UNTIL is null or CLAIMED_UNTIL <= ?) order by DUE_AT fetch first " + limit + " rows only",
        ReminderRepository::step, ReminderStates.PENDING, ts(now), ts(now));
  }

  /**
   * Claims up to {@code limit} due steps for this poller until {@code until}: no other poller takes them meanwhile;
   * a poller that dies gives them back when the claim runs out. On PostgreSQL one statement whose inner select skips
   * rows another poller is claiming ({@code for update skip locked}): two nodes polling together split the due steps
   * without waiting for each other. Elsewhere (H2) a conditional update per step.
   */
  List<Step> claimDue(Instant now, Instant until, int limit) {
    if (postgres) {
      return jdbc.query("update PC_REMINDER_STEP s set CLAIMED_UNTIL = ? from (select ORDER_NO, STEP_NO"
              + " from PC_REMINDER_STEP where STATE = ? and DUE_AT <= ? and (CLAIMED_UNTIL is null or CLAIMED_UNTIL"
              + " <= ?) order by DUE_AT limit " + limit + " for update skip locked) d where s.ORDER_NO = d.ORDER_NO"
              + " and s.STEP_NO = d.STEP_NO returning s.*", ReminderRepository::step, ts(until),
          ReminderStates.PENDING, ts(now), ts(now));
    }
    return due(now, limit).stream().filter(s -> jdbc.update("update PC_REMINDER_STEP set CLAIMED_UNTIL = ?"
        + " where ORDER_NO = ? and STEP_NO = ? and STATE = ? and (CLAIMED_UNTIL is null or CLAIMED_UNTIL <= ?)",
        ts(until), s.orderNo(), s.stepNo(), ReminderStates.PENDING, ts(now)) == 1).toList();
  }

  /**
   * A failed attempt at a pending step: counted with its error; tried again at {@code retryAt}, or, when this was the
   * last of {@code maxAttempts}, the step ends FAILED. The new count, or 0 when the step was not pending any more.
   */
  int failed(String orderNo, int stepNo, String error, Instant now, int maxAttempts,
      java.util.function.IntFunction<Instant> retryAt) {
    List<Integer> found = jdbc.queryForList("select ATTEMPTS from PC_REMINDER_STEP where ORDER_NO = ? and STEP_NO = ?"
        + " and STATE = ? for update", Integer.class, orderNo, stepNo, ReminderStates.PENDING);
    if (found.isEmpty()) {
      return 0;
    }
    int attempts = found.get(0) + 1;
    String cut = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    if (attempts >= maxAttempts) {
      jdbc.update("update PC_REMINDER_STEP set STATE = ?, ATTEMPTS = ?, LAST_ERROR = ?, REASON = ?, DONE_AT = ?,"
              + " CLAIMED_UNTIL = null where ORDER_NO = ? and STEP_NO = ?", ReminderStates.FAILED, attempts, cut,
          "重试 " + attempts + " 次仍失败 · failed " + attempts + " times", ts(now), orderNo, stepNo);
    } else {
      jdbc.update("update PC_REMINDER_STEP set ATTEMPTS = ?, LAST_ERROR = ?, DUE_AT = ?, CLAIMED_UNTIL = null"
          + " where ORDER_NO = ? and STEP_NO = ?", attempts, cut, ts(retryAt.apply(attempts)), orderNo, stepNo);
    }
    return attempts;
  }

  /** Attempts and the last error of a step (0 and null when it never failed). */
  Object[] attempts(String orderNo, int stepNo) {
    return jdbc.queryForObject("select ATTEMPTS, LAST_ERROR from PC_REMINDER_STEP where ORDER_NO = ? and STEP_NO = ?",
        (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2)}, orderNo, stepNo);
  }

  /** The campaign's steps that ended FAILED (their orders in the campaign). */
  long failedSteps(String campaignId) {
    Long n = jdbc.queryForObject("select count(*) from PC_REMINDER_STEP s join PC_REMINDER_ORDER o on o.ORDER_NO ="
        + " s.ORDER_NO where o.CAMPAIGN_ID = ? and s.STATE = ?", Long.class, campaignId, ReminderStates.FAILED);
    return n == null ? 0 : n;
  }

  /** Every pending step of the order ends now (the order was paid, cancelled, closed); how many. */
  int cancelPending(String orderNo, String reason, Instant at) {
    return jdbc.update("update PC_REMINDER_STEP set STATE = ?, REASON = ?, DONE_AT = ? where ORDER_NO = ?"
        + " and STATE = ?", ReminderStates.CANCELLED, reason, ts(at), orderNo, ReminderStates.PENDING);
  }

  /** A pending step ends ({@code state}); false when it was not pending any more (another node took it). */
  boolean finish(String orderNo, int stepNo, String state, String reason, String noticeKey, Instant at) {
    return jdbc.update("update PC_REMINDER_STEP set STATE = ?, REASON = ?, NOTICE_KEY = ?, DONE_AT = ?,"
            + " CLAIMED_UNTIL = null where ORDER_NO = ? and STEP_NO = ? and STATE = ?", state, reason, noticeKey, ts(at),
        orderNo, stepNo,
        ReminderStates.PENDING) == 1;
  }

  /** A pending step waits until {@code dueAt} (quiet hours, the fatigue cap). */
  boolean defer(String orderNo, int stepNo, Instant dueAt, String reason) {
    return jdbc.update("update PC_REMINDER_STEP set DUE_AT = ?, REASON = ?, CLAIMED_UNTIL = null where ORDER_NO = ?"
        + " and STEP_NO = ? and STATE = ?", ts(dueAt), reason, orderNo, stepNo, ReminderStates.PENDING) == 1;
  }

  /** The outcome of the order's call, once. */
  boolean recordCall(String orderNo, String outcome, String by, Instant at) {
    return jdbc.update("update PC_REMINDER_STEP set CALL_OUTCOME = ?, CALLED_BY = ?, DONE_AT = ? where ORDER_NO = ?"
            + " and CHANNEL = ? and STATE = ? and CALL_OUTCOME is null", outcome, by, ts(at), orderNo, Channels.PHONE,
        ReminderStates.SENT) >= 1;
  }

  private static Step step(ResultSet rs, int i) throws SQLException {
    return new Step(rs.getString("ORDER_NO"), rs.getInt("STEP_NO"), rs.getString("CHANNEL"), rs.getString("TEMPLATE"),
        instant(rs, "DUE_AT"), rs.getString("STATE"), rs.getString("REASON"), rs.getString("NOTICE_KEY"),
        instant(rs, "DONE_AT"), rs.getString("CALL_OUTCOME"), rs.getString("CALLED_BY"));
  }

  // ---- buyers' flags -----------------------------------------------------------------------------------------

  void setFlag(String buyerId, String kind, String by, Instant at) {
    if (jdbc.update("update PC_REMINDER_BUYER_FLAG set KIND = ?, SET_BY = ?, SET_AT = ? where BUYER_ID = ?", kind, by,
        ts(at), buyerId) == 0) {
      jdbc.update("insert into PC_REMINDER_BUYER_FLAG (BUYER_ID, KIND, SET_BY, SET_AT) values (?, ?, ?, ?)", buyerId,
          kind, by, ts(at));
    }
  }

  boolean clearFlag(String buyerId) {
    return jdbc.update("delete from PC_REMINDER_BUYER_FLAG where BUYER_ID = ?", buyerId) == 1;
  }

  Optional<String> flag(String buyerId) {
    return jdbc.queryForList("select KIND from PC_REMINDER_BUYER_FLAG where BUYER_ID = ?", String.class, buyerId)
        .stream().findFirst();
  }

  // ---- the report --------------------------------------------------------------------------------------------

  /**
   * The campaign's eligible orders counted per group and stratum in one pass over PC_REMINDER_ORDER (its index on
   * campaign and state): a few hundred cells whatever the number of orders.
   */
  List<Cell> cells(String campaignId, Instant now) {
    return jdbc.query("select GRP, TIER, ITEM_ROLE, PLAN_CHANNEL, PLAN_STEPS, count(*),"
            + " sum(case when STATE = ? then 1 else 0 end), coalesce(sum(PAID_AMOUNT), 0),"
            + " sum(case when FIRST_REMINDED_AT is not null then 1 else 0 end),"
            + " sum(case when STATE = ? and FIRST_REMINDED_AT is not null and PAID_AT >= FIRST_REMINDED_AT then 1"
            + " else 0 end), coalesce(sum(SMS_SENT), 0), coalesce(sum(CALLS_MADE), 0),"
            + " sum(case when STATE = ? and CLOSE_AT > ? then 1 else 0 end)"
            + " from PC_REMINDER_ORDER where CAMPAIGN_ID = ? and STATE <> ?"
            + " group by GRP, TIER, ITEM_ROLE, PLAN_CHANNEL, PLAN_STEPS",
        (rs, i) -> new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
            rs.getLong(12), rs.getLong(13)),
        ReminderStates.PAID, ReminderStates.PAID, ReminderStates.ACTIVE, ts(now), campaignId, ReminderStates.SKIPPED);
  }

  /** Orders the campaign skipped, per reason. */
  List<Object[]> skipped(String campaignId) {
    return jdbc.query("select SKIP_REASON, count(*) from PC_REMINDER_ORDER where CAMPAIGN_ID = ? and STATE = ?"
            + " group by SKIP_REASON order by SKIP_REASON", (rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)},
        campaignId, ReminderStates.SKIPPED);
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
