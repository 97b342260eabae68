package com.peakcare.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.peakcare.order.OrderFigureKeeper;
import com.peakcare.returns.ReturnFigureKeeper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A big-sale night with a known number of each thing (issue 25: "a seeded night"), written straight into the tables
 * the features' figures read, on 11 November 2031 in the shop's time zone (far from any other test's data, which is
 * of today), and taken away again afterwards. Everything it adds is named with its own tag, so that the agents,
 * campaigns and keys are this night's only.
 */
final class KnownNight {

  static final ZoneId SHOP = ZoneId.of("Asia/Shanghai");
  /** The dashboard's "now": 23:30 on the night of 11 November 2031. */
  static final Instant NOW = at("2031-11-11T23:30");

  final String tag = "n" + UUID.randomUUID().toString().substring(0, 6);
  final String agentA = "dash-" + tag + "-a";
  final String agentB = "dash-" + tag + "-b";
  final String liveCampaign = "DASH-" + tag + "-LIVE";
  final String checkingCampaign = "DASH-" + tag + "-UX";
  final String checkingInstance = "pi-" + tag;
  final String broadcast = "bc-" + tag;
  /** A setter's campaign name that a careless page would run as HTML. */
  static final String CHECKING_NAME = "<img src=x onerror=\"document.title='pwned'\">双12";

  private final JdbcTemplate jdbc;
  private final Runnable recount;
  private final List<String[]> cleanup = new ArrayList<>();
  private boolean casesWritten; // cases or orders: the kept figures need a recount when they go

  /**
   * The night's cases and orders are written into their tables behind the application's back, so the kept figures
   * (open cases by status, type and agent, cases and orders per hour) learn of them by the recount, as after any such
   * repair.
   */
  KnownNight(JdbcTemplate jdbc, ReturnFigureKeeper cases, OrderFigureKeeper orders) {
    this.jdbc = jdbc;
    this.recount = () -> {
      cases.recount();
      orders.recount();
    };
  }

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHOP).toInstant();
  }

  static Timestamp ts(String local) {
    return Timestamp.from(at(local));
  }

  /** Returns: 9 open cases, 2 ended ones; opened at 01:xx and 20:xx with known decisions. */
  void returns() {
    kase("R1", "UNDER_REVIEW", "REFUND_ONLY", agentA, "2031-11-11T01:05", "MANUAL_REVIEW", null);
    kase("R2", "UNDER_REVIEW", "RETURN_AND_REFUND", agentA, "2031-11-11T01:40", "MANUAL_REVIEW", null);
    kase("R3", "UNDER_REVIEW", "EXCHANGE", agentB, "2031-11-11T20:10", "MANUAL_REVIEW", null);
    kase("R4", "INSPECTING", "RETURN_AND_REFUND", agentB, "2031-11-11T20:20", "AUTO_APPROVE", null);
    kase("R5", "INSPECTING", "EXCHANGE", agentB, "2031-11-11T20:30", "AUTO_APPROVE", null);
    kase("R6", "AWAITING_SECOND_APPROVAL", "REFUND_ONLY", agentA, "2031-11-11T20:40", "MANUAL_REVIEW", "500.00");
    kase("R7", "REFUNDING", "REFUND_ONLY", agentA, "2031-11-11T20:50", "AUTO_APPROVE", "80.00");
    kase("R8", "REFUNDING", "PRICE_DIFFERENCE", null, "2031-11-11T20:55", "AUTO_APPROVE", "20.00");
    kase("R9", "OPEN", "REPAIR", null, "2031-11-11T22:59", null, null);
    kase("R10", "REJECTED", "REFUND_ONLY", agentB, "2031-11-11T01:10", "REJECT", null);
    kase("R11", "CLOSED", "REFUND_ONLY", agentB, "2031-11-10T12:00", "AUTO_APPROVE", null);
    // the SLA: three reviews and two inspections past their due date, one review not yet due
    task("Task_ReviewReturnRequest", "2031-11-11T10:00", null);
    task("Task_ReviewReturnRequest", "2031-11-11T12:00", null);
    task("Task_ReviewReturnRequest", "2031-11-11T23:00", null);
    task("Task_ReviewReturnRequest", "2031-11-12T09:00", null);
    task("Task_InspectReturnedItem", "2031-11-11T18:00", null);
    task("Task_InspectReturnedItem", "2031-11-11T19:00", null);
    casesWritten = true;
    recount.run();
  }

  /** Money: refunds, refusals, destination changes, an incident at the refund, the sale's registered orders. */
  void money() {
    refund("R11", "100.00", "2031-11-11T09:00");
    refund("R12", "50.50", "2031-11-11T21:00");
    refund("R13", "20.00", "2031-11-10T21:00");
    refund("R14", "999.00", "2031-11-09T21:00"); // before the sale
    refusal("CEILING_REFUSED", "2031-11-11T20:00");
    refusal("CEILING_REFUSED", "2031-11-10T20:00");
    refusal("LINE_QUANTITY", "2031-11-11T20:00");
    refusal("CEILING_REFUSED", "2031-11-09T20:00"); // before the sale
    change("APPROVED", "alipay:buyer@example.com", "2031-11-11T20:00");
    change("PENDING", "bank:6222", "2031-11-11T21:00");
    change("REFUSED", "bank:6223", "2031-11-10T21:00");
    change("APPROVED", null, "2031-11-11T21:00"); // the amount only: not a destination change
    incident("Task_IssueRefund");
    order("O1", "100.00", "60.00", "2031-11-10T00:10");
    order("O2", "100.00", "0", "2031-11-11T00:10");
    order("O3", "100.00", "0", "2031-11-11T10:10");
    order("O4", "100.00", "0", "2031-11-11T23:10");
    order("O5", "100.00", "100.00", "2031-11-09T23:10"); // paid before the sale
    casesWritten = true;
    recount.run();
  }

  /**
   * Refund care: five promises due on the night, one the day before. A promise is done when its refund is paid: the
   * kept and late ones have their refund in PC_REFUND (10.00 each, the one record of a payment; issue 23 item 4).
   */
  void promises() {
    promise("P1", "2031-11-11T09:00", "2031-11-11T08:00", true, null);
    promise("P2", "2031-11-11T12:00", "2031-11-11T11:59", true, null);
    promise("P3", "2031-11-11T13:00", "2031-11-11T15:00", false, "2031-11-11T17:00");
    promise("P4", "2031-11-11T10:00", null, null, "2031-11-12T10:00");
    promise("P5", "2031-11-11T23:50", null, null, null);
    promise("P6", "2031-11-10T10:00", "2031-11-10T09:00", true, null);
  }

  /** Notices: two refund-care notices (SMS sent; e-mail sent and failed) and a shipping notice in-app waiting in the
   *  last hour, one notice before it; a broadcast with 3 cases, 2 done. */
  void notices() {
    notice("K1", "REFUND_CARE", "2031-11-11T23:00", new String[][] {{"SMS", "SENT"}, {"EMAIL", "SENT"}});
    notice("K2", "REFUND_CARE", "2031-11-11T23:10", new String[][] {{"SMS", "SENT"}, {"EMAIL", "FAILED"}});
    notice("K3", "SHIPPING", "2031-11-11T23:20", new String[][] {{"IN_APP", "PENDING"}});
    notice("K4", "SHIPPING", "2031-11-11T21:00", new String[][] {{"SMS", "SENT"}});
    jdbc.update("insert into PC_LOGISTICS_DELAY (ID, BROADCAST_KEY, COURIER, PROVINCES, EXPECTED_DELAY_DAYS, REASON,"
        + " MATCHED, STARTED_BY, STARTED_AT) values (?, ?, 'SF', '湖北', 2, '暴雪', 3, 'cslead', ?)", broadcast,
        tag, ts("2031-11-11T22:00"));
    forget("PC_LOGISTICS_DELAY", "ID", broadcast);
    for (int i = 1; i <= 3; i++) {
      jdbc.update("insert into PC_LOGISTICS_DELAY_CASE (BROADCAST_ID, RETURN_NO, DONE_AT) values (?, ?, ?)",
          broadcast, key("B" + i), i <= 2 ? ts("2031-11-11T22:30") : null);
    }
    cleanup.add(0, new String[] {"PC_LOGISTICS_DELAY_CASE", "BROADCAST_ID", broadcast});
  }

  /** Campaigns: one at the UX check with two checks overdue, one live with customer reports and their fines. */
  void campaigns() {
    campaign(checkingCampaign, "UX_CHECK", "2031-11-12T00:00", checkingInstance, CHECKING_NAME);
    campaign(liveCampaign, "LIVE", "2031-11-11T00:00", null, "双11 满减");
    jdbc.update("insert into ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, BUSINESS_KEY_, IS_ACTIVE_, IS_CONCURRENT_,"
        + " IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_) values (?, 1, ?, ?, true, false, true, false, 1)",
        checkingInstance, checkingInstance, checkingCampaign);
    forget("ACT_RU_EXECUTION", "ID_", checkingInstance);
    task("Task_UxCheck", "2031-11-11T18:00", checkingInstance);
    task("Task_PeerCheck", "2031-11-11T19:00", checkingInstance);
    task("Task_UxCheck", "2031-11-12T18:00", checkingInstance); // not due yet
    String confirmed = report(liveCampaign, "CONFIRMED", 2);
    report(liveCampaign, "REPORTED", null);
    for (int i = 0; i < 4; i++) {
      ledger(liveCampaign, confirmed, "FINE", "50.00");
    }
    ledger(liveCampaign, confirmed, "REWARD", "100.00");
    jdbc.update("insert into PC_BRIEFING (CAMPAIGN_CODE, PROCESS_INSTANCE_ID, STATUS, CURRENT_ROUND, OPENED_AT)"
        + " values (?, null, 'PREPARING', 0, ?)", liveCampaign, ts("2031-11-10T12:00"));
    forget("PC_BRIEFING", "CAMPAIGN_CODE", liveCampaign);
  }

  /** Takes the night away again. */
  void clear() {
    for (String[] row : cleanup) {
      jdbc.update("delete from " + row[0] + " where " + row[1] + " = ?", row[2]);
    }
    cleanup.clear();
    if (casesWritten) {
      casesWritten = false;
      recount.run();
    }
  }

  String key(String name) {
    return tag + "-" + name;
  }

  private void kase(String no, String status, String type, String assignee, String created, String outcome,
      String refund) {
    jdbc.update("insert into PC_RETURN_CASE (RETURN_NO, ORDER_NO, CASE_TYPE, REASON, AMOUNT, CUSTOMER_KEY, MEMBER_TIER,"
        + " REQUEST_HASH, REQUEST_JSON, STATUS, POLICY_OUTCOME, ASSIGNEE, OPENED_BY, CREATED_AT, UPDATED_AT,"
        + " REFUND_AMOUNT) values (?, ?, ?, 'OTHER', 99.00, ?, 'NORMAL', 'h', '{}', ?, ?, ?, 'shop1', ?, ?, ?)",
        key(no), key("O"), type, key("C"), status, outcome, assignee, ts(created), ts(created),
        refund == null ? null : new BigDecimal(refund));
    forget("PC_RETURN_CASE", "RETURN_NO", key(no));
  }

  private void task(String element, String due, String processInstance) {
    String id = key("T" + cleanup.size());
    jdbc.update("insert into ACT_RU_TASK (ID_, REV_, TASK_DEF_KEY_, DUE_DATE_, PROC_INST_ID_, PRIORITY_,"
        + " SUSPENSION_STATE_, CREATE_TIME_) values (?, 1, ?, ?, ?, 50, 1, ?)", id, element, ts(due), processInstance,
        ts("2031-11-11T00:00"));
    forget("ACT_RU_TASK", "ID_", id);
  }

  private void incident(String activity) {
    String id = key("I");
    jdbc.update("insert into ACT_RU_INCIDENT (ID_, REV_, INCIDENT_TIMESTAMP_, INCIDENT_TYPE_, ACTIVITY_ID_)"
        + " values (?, 1, ?, 'failedJob', ?)", id, ts("2031-11-11T21:00"), activity);
    forget("ACT_RU_INCIDENT", "ID_", id);
  }

  private void refund(String no, String amount, String done) {
    jdbc.update("insert into PC_REFUND (RETURN_NO, AMOUNT, REFUND_TO, GATEWAY_REF, DONE_AT) values (?, ?, 'alipay', 'g',"
        + " ?)", key(no), new BigDecimal(amount), ts(done));
    forget("PC_REFUND", "RETURN_NO", key(no));
  }

  private void refusal(String code, String at) {
    jdbc.update("insert into PC_ORDER_REFUSAL (ORDER_NO, RETURN_NO, CODE, FIELD, ACTOR, AT) values (?, ?, ?, 'amount',"
        + " 'agent1', ?)", key("O"), key("RX"), code, ts(at));
    forget("PC_ORDER_REFUSAL", "RETURN_NO", key("RX"));
  }

  private void change(String status, String refundTo, String requested) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into PC_REFUND_CHANGE (ID, RETURN_NO, REFUND_TO, REASON, REQUESTED_BY, REQUESTED_AT, STATUS)"
        + " values (?, ?, ?, 'customer asked', 'agent1', ?, ?)", id, key("R7"), refundTo, ts(requested), status);
    forget("PC_REFUND_CHANGE", "ID", id);
  }

  private void order(String no, String paid, String refunded, String paidAt) {
    jdbc.update("insert into PC_ORDER (ORDER_NO, REGISTERED_BY, BUYER_ID, MEMBER_TIER, STATUS, ORDERED_AT, PAID_AT,"
        + " PAID_AMOUNT, CONTACT_NAME, CONTACT_PHONE, CONTACT_LOCALE, PROVINCE, SNAPSHOT_HASH, REFUNDED, RESERVED,"
        + " REGISTERED_AT, UPDATED_AT) values (?, 'shop1', 'b', 'NORMAL', 'PAID', ?, ?, ?, '张三', '13800000000', 'zh-CN',"
        + " '湖北', 'h', ?, 0, ?, ?)", key(no), ts(paidAt), ts(paidAt), new BigDecimal(paid), new BigDecimal(refunded),
        ts(paidAt), ts(paidAt));
    forget("PC_ORDER", "ORDER_NO", key(no));
  }

  private void promise(String no, String promisedBy, String done, Boolean onTime, String renewed) {
    jdbc.update("insert into PC_REFUND_PROMISE (RETURN_NO, PROMISED_BY, NEW_PROMISED_BY, CREATED_AT)"
        + " values (?, ?, ?, ?)", key(no), ts(promisedBy), renewed == null ? null : ts(renewed),
        ts("2031-11-10T00:00"));
    forget("PC_REFUND_PROMISE", "RETURN_NO", key(no));
    if (done != null) {
      refund(no, "10.00", done); // kept or late is its time against the promise: onTime only documents the row
      assert onTime == !java.time.LocalDateTime.parse(done).isAfter(java.time.LocalDateTime.parse(promisedBy));
    }
  }

  private void notice(String no, String type, String created, String[][] deliveries) {
    jdbc.update("insert into PC_NOTICE (NOTICE_KEY, CASE_REF, NOTICE_TYPE, SEQ_NO, LOCALE, SUBJECT, BODY, CREATED_AT)"
        + " values (?, ?, ?, 1, 'zh-CN', '主题', '正文', ?)", key(no), key(no), type, ts(created));
    for (String[] d : deliveries) {
      jdbc.update("insert into PC_NOTICE_DELIVERY (NOTICE_KEY, CHANNEL, STATUS, ATTEMPTS, UPDATED_AT) values (?, ?, ?,"
          + " 1, ?)", key(no), d[0], d[1], ts(created));
    }
    forget("PC_NOTICE", "NOTICE_KEY", key(no));
    cleanup.add(0, new String[] {"PC_NOTICE_DELIVERY", "NOTICE_KEY", key(no)});
  }

  private void campaign(String code, String stage, String goLive, String processInstance, String name) {
    jdbc.update("insert into PC_CAMPAIGN (CODE, NAME, SETTER_ID, GO_LIVE_AT, ALL_HANDS_DEADLINE, CURRENT_VERSION, STAGE,"
        + " PROCESS_INSTANCE_ID, CREATED_AT, LAUNCHED_AT) values (?, ?, 'setter1', ?, ?, 1, ?, ?, ?, ?)", code,
        name, ts(goLive), ts(goLive), stage, processInstance, ts("2031-11-01T00:00"),
        "LIVE".equals(stage) ? ts(goLive) : null);
    forget("PC_CAMPAIGN", "CODE", code);
  }

  private String report(String code, String status, Integer confirmed) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into PC_CAMPAIGN_ERROR_REPORT (ID, CAMPAIGN_CODE, VERSION_NO, SOURCE, REPORTED_BY, ERROR_COUNT,"
        + " NOTES, STATUS, CONFIRMED_COUNT, CREATED_AT) values (?, ?, 1, 'CUSTOMER', 'buyer', 2, '赠品不对', ?, ?, ?)",
        id, code, status, confirmed, ts("2031-11-11T12:00"));
    forget("PC_CAMPAIGN_ERROR_REPORT", "ID", id);
    return id;
  }

  private void ledger(String code, String report, String kind, String amount) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into PC_CAMPAIGN_LEDGER (ID, CAMPAIGN_CODE, VERSION_NO, PERSON_ID, KIND, AMOUNT, CURRENCY,"
        + " ERROR_COUNT, REPORT_ID, REASON, CREATED_AT) values (?, ?, 1, 'peer1', ?, ?, 'CNY', 2, ?, 'r', ?)", id, code,
        kind, new BigDecimal(amount), report, ts("2031-11-11T13:00"));
    forget("PC_CAMPAIGN_LEDGER", "ID", id);
  }

  private void forget(String table, String column, String value) {
    cleanup.add(0, new String[] {table, column, value});
  }
}
