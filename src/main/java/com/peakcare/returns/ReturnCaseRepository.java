package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** PeakCare's own record of each return case and its timeline (tables PC_RETURN_CASE, PC_RETURN_EVENT). */
@Repository
class ReturnCaseRepository {

  private final JdbcTemplate jdbc;
  private final ReturnFigureLedger figures;

  ReturnCaseRepository(JdbcTemplate jdbc, ReturnFigureLedger figures) {
    this.jdbc = jdbc;
    this.figures = figures;
  }

  record CaseRow(String returnNo, String orderNo, String type, String reason, BigDecimal amount, String customerKey,
      String memberTier, String province, String requestHash, String requestJson, String factsJson,
      String processInstanceId, Status status, String policyOutcome, String assignee, String openedBy,
      Instant createdAt, Instant updatedAt, Refund refund, Progress progress, Deciders deciders, Parsed parsed) {

    CaseRow(String returnNo, String orderNo, String type, String reason, BigDecimal amount, String customerKey,
        String memberTier, String province, String requestHash, String requestJson, String factsJson,
        String processInstanceId, Status status, String policyOutcome, String assignee, String openedBy,
        Instant createdAt, Instant updatedAt, Refund refund, Progress progress, Deciders deciders) {
      this(returnNo, orderNo, type, reason, amount, customerKey, memberTier, province, requestHash, requestJson,
          factsJson, processInstanceId, status, policyOutcome, assignee, openedBy, createdAt, updatedAt, refund,
          progress, deciders, new Parsed());
    }

    /** The request as it was registered: order, lines, dates (parsed once per loaded row). */
    ReturnRequest request() {
      if (parsed.request == null) {
        parsed.request = RequestFingerprint.parse(requestJson);
      }
      return parsed.request;
    }

    /** What the case returns, at the order's prices when it opened (parsed once per loaded row). */
    CaseFacts facts() {
      if (parsed.facts == null) {
        parsed.facts = com.peakcare.web.Fingerprints.parse(factsJson, CaseFacts.class);
      }
      return parsed.facts;
    }

    ReturnCaseProcess.CaseType caseType() {
      return ReturnCaseProcess.CaseType.valueOf(type);
    }

    /** The row after an update of these columns (what a new select would return; the JSON stays parsed). */
    CaseRow with(String processInstanceId, Status status, String policyOutcome, String assignee, Refund refund,
        Progress progress, Deciders deciders, Instant updatedAt) {
      return new CaseRow(returnNo, orderNo, type, reason, amount, customerKey, memberTier, province, requestHash,
          requestJson, factsJson, processInstanceId, status, policyOutcome, assignee, openedBy, createdAt,
          updatedAt, refund, progress, deciders, parsed);
    }

    CaseRow with(Refund refund, Instant updatedAt) {
      return with(processInstanceId, status, policyOutcome, assignee, refund, progress, deciders, updatedAt);
    }

    CaseRow with(Progress progress, Instant updatedAt) {
      return with(processInstanceId, status, policyOutcome, assignee, refund, progress, deciders, updatedAt);
    }

    CaseRow with(Deciders deciders, Instant updatedAt) {
      return with(processInstanceId, status, policyOutcome, assignee, refund, progress, deciders, updatedAt);
    }

    /** What the kept figures count of this row. */
    ReturnFigureLedger.Shape shape() {
      return new ReturnFigureLedger.Shape(status.name(), type, assignee, createdAt, policyOutcome);
    }
  }

  /** The row's JSON, parsed on first use and kept with the loaded row (never part of its equality). */
  static final class Parsed {
    private ReturnRequest request;
    private CaseFacts facts;

    @Override
    public boolean equals(Object other) {
      return other instanceof Parsed;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /**
   * The refund as the case record holds it (issue 12: the only source of money and destination): how much, where to,
   * the decisions that make it due, and once paid when and under which provider reference.
   */
  record Refund(BigDecimal amount, String refundTo, Boolean approved, Boolean inspectionPassed, Boolean partial,
      Instant refundedAt, String reference) {

    Refund approved(boolean value) {
      return new Refund(amount, refundTo, value, inspectionPassed, partial, refundedAt, reference);
    }

    static final Refund NONE = new Refund(null, null, null, null, null, null, null);
  }

  /**
   * What happened to the case since it was opened that its notices and forms show: where its parcel (or replacement)
   * travels, why it was rejected, why its agent has it. Written by PeakCare's services, never from process variables.
   */
  record Progress(String courier, String waybillNo, String rejectionReason, String assignmentReason,
      String inspectionNote) {

    Progress rejected(String reason) {
      return new Progress(courier, waybillNo, reason, assignmentReason, inspectionNote);
    }

    static final Progress NONE = new Progress(null, null, null, null, null);
  }

  /**
   * Who decided on the case's money (issue 20, maker ≠ checker): whether staff opened it, who reviewed it, inspected
   * it, decided after a failed inspection and approved it a second time, and the refund change waiting for a decision.
   */
  record Deciders(boolean openedByStaff, String reviewedBy, String inspectedBy, String decidedBy,
      Boolean secondApproved, String secondApprovedBy, String pendingChangeId) {

    Deciders reviewed(String by) {
      return new Deciders(openedByStaff, by, inspectedBy, decidedBy, secondApproved, secondApprovedBy, pendingChangeId);
    }
  }

  @Schema(name = "TimelineEvent")
  record EventRow(Instant at, String actor, String event, String detail) {}

  private static final RowMapper<CaseRow> CASE = (rs, i) -> new CaseRow(
      rs.getString("RETURN_NO"), rs.getString("ORDER_NO"), rs.getString("CASE_TYPE"), rs.getString("REASON"),
      rs.getBigDecimal("AMOUNT"), rs.getString("CUSTOMER_KEY"), rs.getString("MEMBER_TIER"), rs.getString("PROVINCE"),
      rs.getString("REQUEST_HASH"), rs.getString("REQUEST_JSON"), rs.getString("FACTS_JSON"),
      rs.getString("PROCESS_INSTANCE_ID"),
      Status.valueOf(rs.getString("STATUS")), rs.getString("POLICY_OUTCOME"), rs.getString("ASSIGNEE"),
      rs.getString("OPENED_BY"), rs.getTimestamp("CREATED_AT").toInstant(), rs.getTimestamp("UPDATED_AT").toInstant(),
      new Refund(rs.getBigDecimal("REFUND_AMOUNT"), rs.getString("REFUND_TO"), bool(rs, "APPROVED"),
          bool(rs, "INSPECTION_PASSED"), bool(rs, "PARTIAL_REFUND"),
          rs.getTimestamp("REFUNDED_AT") == null ? null : rs.getTimestamp("REFUNDED_AT").toInstant(),
          rs.getString("REFUND_REF")),
      new Progress(rs.getString("COURIER"), rs.getString("WAYBILL_NO"), rs.getString("REJECTION_REASON"),
          rs.getString("ASSIGNMENT_REASON"), rs.getString("INSPECTION_NOTE")),
      new Deciders(Boolean.TRUE.equals(bool(rs, "OPENED_BY_STAFF")), rs.getString("REVIEWED_BY"),
          rs.getString("INSPECTED_BY"), rs.getString("DECIDED_BY"), bool(rs, "SECOND_APPROVED"),
          rs.getString("SECOND_APPROVED_BY"), rs.getString("PENDING_CHANGE_ID")));

  private static Boolean bool(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? null : value;
  }

  /** Selects of a case row by its number since start (a figure for tests and the benchmark: issue 23, read once). */
  private static final java.util.concurrent.atomic.LongAdder SELECTS = new java.util.concurrent.atomic.LongAdder();

  static long selects() {
    return SELECTS.sum();
  }

  /** The case, read once per transaction ({@link LoadedCases}). */
  Optional<CaseRow> find(String returnNo) {
    return LoadedCases.find(returnNo, this::select);
  }

  private Optional<CaseRow> select(String returnNo) {
    SELECTS.increment();
    return jdbc.query("select * from PC_RETURN_CASE where RETURN_NO = ?", CASE, returnNo).stream().findFirst();
  }

  void insert(CaseRow c) {
    jdbc.update("insert into PC_RETURN_CASE (RETURN_NO, ORDER_NO, CASE_TYPE, REASON, AMOUNT, CUSTOMER_KEY, MEMBER_TIER,"
            + " PROVINCE, REQUEST_HASH, REQUEST_JSON, FACTS_JSON, PROCESS_INSTANCE_ID, STATUS, OPENED_BY,"
            + " OPENED_BY_STAFF, CREATED_AT, UPDATED_AT, REFUND_AMOUNT, REFUND_TO)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.returnNo(), c.orderNo(), c.type(), c.reason(), c.amount(), c.customerKey(), c.memberTier(), c.province(),
        c.requestHash(), c.requestJson(), c.factsJson(), c.processInstanceId(), c.status().name(), c.openedBy(),
        c.deciders().openedByStaff(), ts(c.createdAt()), ts(c.updatedAt()), c.refund().amount(),
        c.refund().refundTo());
    // the insert writes no assignee and no decision: those come with their own updates
    figures.opened(new ReturnFigureLedger.Shape(c.status().name(), c.type(), null, c.createdAt(), null));
    LoadedCases.keep(c);
  }

  /** Links the case to the process instance that runs it; false when it has one already (or no such case). */
  boolean attach(String returnNo, String processInstanceId) {
    Instant now = now();
    boolean attached = jdbc.update("update PC_RETURN_CASE set PROCESS_INSTANCE_ID = ?, UPDATED_AT = ? where RETURN_NO = ?"
        + " and PROCESS_INSTANCE_ID is null", processInstanceId, ts(now), returnNo) == 1;
    if (attached) {
      LoadedCases.update(returnNo, r -> r.with(processInstanceId, r.status(), r.policyOutcome(), r.assignee(),
          r.refund(), r.progress(), r.deciders(), now));
    } else {
      LoadedCases.forget(returnNo);
    }
    return attached;
  }

  Optional<CaseRow> findByProcessInstance(String processInstanceId) {
    return jdbc.query("select * from PC_RETURN_CASE where PROCESS_INSTANCE_ID = ?", CASE, processInstanceId).stream()
        .findFirst();
  }

  /** The review's decision and who made it (null: the policy's automatic approval). */
  void updateApproved(String returnNo, boolean approved, String by) {
    Instant now = now();
    jdbc.update("update PC_RETURN_CASE set APPROVED = ?, REVIEWED_BY = ?, UPDATED_AT = ? where RETURN_NO = ?",
        approved, by, ts(now), returnNo);
    LoadedCases.update(returnNo, r -> r.with(r.refund().approved(approved), now).with(r.deciders().reviewed(by), now));
  }

  void updateInspection(String returnNo, boolean passed, String note, String by) {
    jdbc.update("update PC_RETURN_CASE set INSPECTION_PASSED = ?, INSPECTION_NOTE = ?, INSPECTED_BY = ?, UPDATED_AT = ?"
        + " where RETURN_NO = ?", passed, note, by, ts(Instant.now()), returnNo);
    LoadedCases.forget(returnNo);
  }

  void updatePartialRefund(String returnNo, boolean partial, BigDecimal amount, String by) {
    jdbc.update("update PC_RETURN_CASE set PARTIAL_REFUND = ?, REFUND_AMOUNT = coalesce(?, REFUND_AMOUNT),"
        + " DECIDED_BY = ?, UPDATED_AT = ? where RETURN_NO = ?", partial, amount, by, ts(Instant.now()), returnNo);
    LoadedCases.forget(returnNo);
  }

  void updateSecondApproval(String returnNo, boolean approved, String by) {
    jdbc.update("update PC_RETURN_CASE set SECOND_APPROVED = ?, SECOND_APPROVED_BY = ?, UPDATED_AT = ?"
        + " where RETURN_NO = ?", approved, by, ts(Instant.now()), returnNo);
    LoadedCases.forget(returnNo);
  }

  /** What the customer's contact changed to in the order, for the cases of that order still open. */
  void updateProvince(String orderNo, String province) {
    jdbc.update("update PC_RETURN_CASE set PROVINCE = ? where ORDER_NO = ? and STATUS not in (?, ?, ?)",
        province, orderNo, Status.CLOSED.name(), Status.REJECTED.name(), Status.CANCELLED.name());
    LoadedCases.forgetAll();
  }

  void updateRefund(String returnNo, BigDecimal amount, String refundTo) {
    jdbc.update("update PC_RETURN_CASE set REFUND_AMOUNT = ?, REFUND_TO = ?, UPDATED_AT = ? where RETURN_NO = ?",
        amount, refundTo, ts(Instant.now()), returnNo);
    LoadedCases.forget(returnNo);
  }

  /** Records the payment once: false when it was recorded already. */
  boolean markRefunded(String returnNo, Instant at, String reference) {
    LoadedCases.forget(returnNo);
    return jdbc.update("update PC_RETURN_CASE set REFUNDED_AT = ?, REFUND_REF = ?, UPDATED_AT = ? where RETURN_NO = ?"
        + " and REFUNDED_AT is null", ts(at), reference, ts(Instant.now()), returnNo) == 1;
  }

  void updateStatus(String returnNo, Status status) {
    if (LoadedCases.insertedRow(returnNo).map(r -> r.status() == status).orElse(false)) {
      return; // the status this transaction gave the case it opened, told again (an open saw UNDER_REVIEW twice)
    }
    lockedShape(returnNo).ifPresent(was -> figures.changed(was, new ReturnFigureLedger.Shape(status.name(),
        was.type(), was.assignee(), was.createdAt(), was.outcome())));
    Instant now = now();
    jdbc.update("update PC_RETURN_CASE set STATUS = ?, UPDATED_AT = ? where RETURN_NO = ?",
        status.name(), ts(now), returnNo);
    LoadedCases.update(returnNo, r -> r.with(r.processInstanceId(), status, r.policyOutcome(), r.assignee(),
        r.refund(), r.progress(), r.deciders(), now));
  }

  void updatePolicy(String returnNo, String outcome) {
    lockedShape(returnNo).ifPresent(was -> figures.changed(was, new ReturnFigureLedger.Shape(was.status(),
        was.type(), was.assignee(), was.createdAt(), outcome)));
    Instant now = now();
    jdbc.update("update PC_RETURN_CASE set POLICY_OUTCOME = ?, UPDATED_AT = ? where RETURN_NO = ?",
        outcome, ts(now), returnNo);
    LoadedCases.update(returnNo, r -> r.with(r.processInstanceId(), r.status(), outcome, r.assignee(), r.refund(),
        r.progress(), r.deciders(), now));
  }

  void updateAssignee(String returnNo, String assignee, String reason) {
    lockedShape(returnNo).ifPresent(was -> figures.changed(was, new ReturnFigureLedger.Shape(was.status(),
        was.type(), assignee, was.createdAt(), was.outcome())));
    Instant now = now();
    jdbc.update("update PC_RETURN_CASE set ASSIGNEE = ?, ASSIGNMENT_REASON = ?, UPDATED_AT = ? where RETURN_NO = ?",
        assignee, reason, ts(now), returnNo);
    LoadedCases.update(returnNo, r -> r.with(r.processInstanceId(), r.status(), r.policyOutcome(), assignee,
        r.refund(), new Progress(r.progress().courier(), r.progress().waybillNo(), r.progress().rejectionReason(),
            reason, r.progress().inspectionNote()), r.deciders(), now));
  }

  /**
   * The case's shape for the kept figures, its row locked until this transaction ends: the held row when this
   * transaction inserted it ({@link LoadedCases#insertedRow}: no other transaction sees it yet, and every write of it
   * here is mirrored on the held row or forgets it), else selected {@code for update}. Opening a case changed its
   * policy, agent and status after inserting it: three selects of a row it had just written.
   */
  private Optional<ReturnFigureLedger.Shape> lockedShape(String returnNo) {
    Optional<CaseRow> held = LoadedCases.insertedRow(returnNo);
    return held.isPresent() ? held.map(CaseRow::shape) : figures.lock(returnNo);
  }

  /** The reason the customer reads (the policy's, the agent's or the warehouse's words). */
  void updateRejectionReason(String returnNo, String reason) {
    Instant now = now();
    jdbc.update("update PC_RETURN_CASE set REJECTION_REASON = ?, UPDATED_AT = ? where RETURN_NO = ?",
        reason, ts(now), returnNo);
    LoadedCases.update(returnNo, r -> r.with(r.progress().rejected(reason), now));
  }

  void updateShipment(String returnNo, String courier, String waybillNo) {
    Instant now = now();
    jdbc.update("update PC_RETURN_CASE set COURIER = ?, WAYBILL_NO = ?, UPDATED_AT = ? where RETURN_NO = ?",
        courier, waybillNo, ts(now), returnNo);
    LoadedCases.update(returnNo, r -> r.with(new Progress(courier, waybillNo, r.progress().rejectionReason(),
        r.progress().assignmentReason(), r.progress().inspectionNote()), now));
  }

  record Travelling(String returnNo, String orderNo, String waybillNo) {}

  /**
   * Open cases whose parcel or replacement is on its way with this courier to one of these provinces; only those
   * {@code openedBy} opened, when it is given (an integrator reaches its own cases only).
   */
  List<Travelling> travellingWith(String courier, List<String> provinces, String openedBy) {
    String in = String.join(",", provinces.stream().map(p -> "?").toList());
    List<Object> args = new ArrayList<>();
    args.add(courier);
    args.add(Status.INSPECTING.name());
    args.add(Status.EXCHANGE_SHIPPED.name());
    args.addAll(provinces);
    if (openedBy != null) {
      args.add(openedBy);
    }
    return jdbc.query("select RETURN_NO, ORDER_NO, WAYBILL_NO from PC_RETURN_CASE where COURIER = ?"
            + " and STATUS in (?, ?) and PROVINCE in (" + in + ")" + (openedBy == null ? "" : " and OPENED_BY = ?")
            + " order by RETURN_NO",
        (rs, i) -> new Travelling(rs.getString(1), rs.getString(2), rs.getString(3)), args.toArray());
  }

  /** The agent of this customer's most recent other case, if any. */
  Optional<String> lastAssigneeOfCustomer(String customerKey, String exceptReturnNo) {
    return jdbc.query("select ASSIGNEE from PC_RETURN_CASE where CUSTOMER_KEY = ? and RETURN_NO <> ?"
                + " and ASSIGNEE is not null order by CREATED_AT desc",
            (rs, i) -> rs.getString(1), customerKey, exceptReturnNo)
        .stream().findFirst();
  }

  List<CaseRow> list(Status status, String assignee, String openedBy, com.peakcare.web.ListPage.Bounds page) {
    StringBuilder sql = new StringBuilder("select * from PC_RETURN_CASE where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      sql.append(" and STATUS = ?");
      args.add(status.name());
    }
    if (assignee != null) {
      sql.append(" and ASSIGNEE = ?");
      args.add(assignee);
    }
    if (openedBy != null) {
      sql.append(" and OPENED_BY = ?");
      args.add(openedBy);
    }
    sql.append(" order by CREATED_AT desc, RETURN_NO").append(com.peakcare.web.ListPage.Bounds.SQL);
    args.add(page.limit());
    args.add(page.offset());
    return jdbc.query(sql.toString(), CASE, args.toArray());
  }

  void event(String returnNo, String actor, String event, String detail) {
    EventRow row = new EventRow(now(), actor, event, detail == null ? null : truncate(detail, 1000));
    jdbc.update("insert into PC_RETURN_EVENT (RETURN_NO, AT, ACTOR, EVENT, DETAIL) values (?, ?, ?, ?, ?)",
        returnNo, ts(row.at()), row.actor(), row.event(), row.detail());
    LoadedCases.event(returnNo, row);
  }

  /** The case's timeline, oldest first; of a case this transaction opened, as it wrote it ({@link LoadedCases}). */
  List<EventRow> events(String returnNo) {
    List<EventRow> written = LoadedCases.events(returnNo);
    if (written != null) {
      return List.copyOf(written);
    }
    return jdbc.query("select AT, ACTOR, EVENT, DETAIL from PC_RETURN_EVENT where RETURN_NO = ? order by ID",
        (rs, i) -> new EventRow(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)),
        returnNo);
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  /**
   * Now, to the microsecond: what the database keeps of a time (PostgreSQL's and H2's timestamps), so that a row held
   * in memory says the same time as the row read back.
   */
  static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
