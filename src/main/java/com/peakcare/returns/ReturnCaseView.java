package com.peakcare.returns;

import com.peakcare.notice.Notice;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.returns.ReturnCaseRepository.EventRow;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Outcome;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCaseProcess.Status;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Where a case stands: what integrators and staff see at any time.
 *
 * @param amount what the case is about: the returned lines at the order's unit prices, or the price difference
 *     claimed
 * @param refundAmount what the refund pays (after a partial refund or an approved change), for money cases
 * @param refundTo where it goes: ORIGINAL_PAYMENT, or the destination an approved change set
 * @param refundChange the latest request to change the refund, pending or decided
 */
public record ReturnCaseView(
    String returnNo, String orderNo, @Schema(implementation = CaseType.class) String type,
    @Schema(implementation = Reason.class) String reason, BigDecimal amount, BigDecimal refundAmount, String refundTo,
    Status status, @Schema(implementation = Outcome.class) String policyOutcome, String assignee, String openedBy,
    Instant openedAt, Instant updatedAt, List<OpenTask> openTasks, List<EventRow> timeline, List<Notice> notices,
    RefundCare.RefundPromise refund, RefundChange refundChange) {

  public record OpenTask(String id, String taskDefinitionKey, String name, String assignee, Instant due) {}

  /**
   * A request to change the refund (issue 20): asked by one after-sales supervisor, decided by another.
   *
   * @param status PENDING, APPROVED or REFUSED
   */
  @Schema(name = "RefundChange")
  public record RefundChange(String id, BigDecimal amount, String refundTo, String reason, String requestedBy,
      Instant requestedAt, String status, String decidedBy, Instant decidedAt, String note) {}

  /** One case in a list. */
  @Schema(name = "ReturnCaseSummary")
  public record Summary(String returnNo, String orderNo, @Schema(implementation = CaseType.class) String type,
      BigDecimal amount, Status status, @Schema(implementation = Outcome.class) String policyOutcome,
      String assignee, Instant openedAt, Instant updatedAt) {
    static Summary of(CaseRow row) {
      return new Summary(row.returnNo(), row.orderNo(), row.type(), row.amount(), row.status(), row.policyOutcome(),
          row.assignee(), row.createdAt(), row.updatedAt());
    }
  }

  static ReturnCaseView of(CaseRow row, List<org.camunda.bpm.engine.task.Task> tasks, List<EventRow> events,
      List<Notice> notices, RefundCare.RefundPromise refund, RefundChangeRepository.Change change) {
    List<OpenTask> open = tasks.stream()
        .map(t -> new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
            t.getDueDate() == null ? null : t.getDueDate().toInstant()))
        .toList();
    RefundChange refundChange = change == null ? null : new RefundChange(change.id(), change.amount(),
        change.refundTo(), change.reason(), change.requestedBy(), change.requestedAt(), change.status().name(),
        change.decidedBy(), change.decidedAt(), change.note());
    return new ReturnCaseView(row.returnNo(), row.orderNo(), row.type(), row.reason(), row.amount(),
        row.refund().amount(), row.refund().refundTo(), row.status(), row.policyOutcome(), row.assignee(),
        row.openedBy(), row.createdAt(), row.updatedAt(), open, events, notices, refund, refundChange);
  }
}
