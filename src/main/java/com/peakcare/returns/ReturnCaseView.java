package com.peakcare.returns;

import com.peakcare.notice.Notice;
import com.peakcare.notice.RefundCare;
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

/** Where a case stands: what integrators and staff see at any time. */
public record ReturnCaseView(
    String returnNo, String orderNo, @Schema(implementation = CaseType.class) String type,
    @Schema(implementation = Reason.class) String reason, BigDecimal amount, Status status,
    @Schema(implementation = Outcome.class) String policyOutcome, String assignee, Instant openedAt, Instant updatedAt,
    List<OpenTask> openTasks, List<EventRow> timeline, List<Notice> notices, RefundCare.RefundPromise refund) {

  public record OpenTask(String id, String taskDefinitionKey, String name, String assignee, Instant due) {}

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
      List<Notice> notices, RefundCare.RefundPromise refund) {
    List<OpenTask> open = tasks.stream()
        .map(t -> new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
            t.getDueDate() == null ? null : t.getDueDate().toInstant()))
        .toList();
    return new ReturnCaseView(row.returnNo(), row.orderNo(), row.type(), row.reason(), row.amount(), row.status(),
        row.policyOutcome(), row.assignee(), row.createdAt(), row.updatedAt(), open, events, notices, refund);
  }
}
