package com.peakcare.returns;

import com.peakcare.order.Orders;
import com.peakcare.returns.ReturnCaseProcess.Outcome;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a case's steps record (the delegates, listeners and the task policy call this; the API calls
 * {@link ReturnCases}): the decisions and who made them, the refund and its claim on the order's ceiling. Every
 * refund is paid from the record, and only when the record and the order's ceiling say it is due.
 */
@Service
public class CaseSteps { // public for the models' expressions (${caseSteps.agentOf(execution)}): JUEL calls public classes only

  private static final Logger log = LoggerFactory.getLogger(CaseSteps.class);

  private final ReturnCaseRepository repository;
  private final Orders orders;
  private final RefundCare refundCare;
  private final FourEyes fourEyes;

  CaseSteps(ReturnCaseRepository repository, Orders orders, RefundCare refundCare, FourEyes fourEyes) {
    this.repository = repository;
    this.orders = orders;
    this.refundCare = refundCare;
    this.fourEyes = fourEyes;
  }

  /** Task_RegisterCase: the process attaches to its case record; a process without one stops here. */
  void attach(String returnNo, String processInstanceId) {
    if (returnNo == null || !repository.attach(returnNo, processInstanceId)) {
      throw new IllegalStateException("return case " + returnNo + " is not registered, or already has its process:"
          + " cases are opened through POST /api/returns or Tasklist's start form");
    }
  }

  /** Where the case's agent tasks go: the agent on its record ({@code ${caseSteps.agentOf(execution)}}). */
  public String agentOf(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    CaseRow row = caseOf(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    if (row.assignee() == null) {
      throw new IllegalStateException("return " + row.returnNo() + " has no agent yet");
    }
    return row.assignee();
  }

  static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Shanghai");

  /** Days since delivery, in calendar days in the shop's time zone, from the day after delivery (签收次日起算). */
  static int daysSinceDelivery(Instant deliveredAt, Instant now) {
    if (deliveredAt == null) {
      return 0; // not delivered yet (refund only before shipment)
    }
    long days = java.time.Duration.between(deliveredAt.atZone(SHOP_ZONE).toLocalDate().atStartOfDay(SHOP_ZONE),
        now.atZone(SHOP_ZONE).toLocalDate().atStartOfDay(SHOP_ZONE)).toDays();
    return (int) Math.max(0, days);
  }

  /** A step the case record does not back (no record, not due): never retried, an incident at once. */
  static final class NotOwed extends IllegalStateException implements com.peakcare.engine.failure.FailsAtOnce {
    NotOwed(String message) {
      super(message);
    }
  }

  /** The case of a process instance, from its business key and checked against the record's link. */
  CaseRow caseOf(String returnNo, String processInstanceId) {
    CaseRow row = returnNo == null ? null : repository.find(returnNo).orElse(null);
    if (row == null || !processInstanceId.equals(row.processInstanceId())) {
      throw new NotOwed("process " + processInstanceId + " (business key " + returnNo
          + ") runs no registered return case: it pays and records nothing");
    }
    return row;
  }

  Optional<CaseRow> find(String returnNo) {
    return repository.find(returnNo);
  }

  void status(String returnNo, Status status) {
    repository.updateStatus(returnNo, status);
  }

  void event(String returnNo, String actor, String event, String detail) {
    repository.event(returnNo, actor, event, detail);
  }

  void replacementShipped(String returnNo, String courier, String waybillNo) {
    repository.updateShipment(returnNo, courier, waybillNo);
  }

  /**
   * The policy decided. A case staff opened never gets an automatic approval (maker ≠ checker: whoever opened it is no
   * system of the shop's, and a colleague looks at it): AUTO_APPROVE becomes MANUAL_REVIEW, with the reason on the
   * timeline. Returns the outcome the case routes on.
   */
  String policyDecided(CaseRow row, String outcome, String rejectionReason, String detail) {
    String returnNo = row.returnNo();
    String routed = outcome;
    if (Outcome.AUTO_APPROVE.name().equals(outcome) && row.deciders().openedByStaff()) {
      routed = Outcome.MANUAL_REVIEW.name();
    }
    repository.updatePolicy(returnNo, routed);
    if (rejectionReason != null) {
      repository.updateRejectionReason(returnNo, rejectionReason);
    }
    if (Outcome.AUTO_APPROVE.name().equals(routed)) {
      repository.updateApproved(returnNo, true, null);
    }
    repository.event(returnNo, "system", "POLICY_DECIDED", detail);
    if (!routed.equals(outcome)) {
      repository.event(returnNo, "system", "AUTO_APPROVAL_WITHHELD", "由员工 " + row.openedBy() + " 开单，须由另一位同事审核 · "
          + "opened by staff (" + row.openedBy() + "): a colleague reviews it instead of the policy's automatic approval");
    }
    log.info("return {} policy {}{}", returnNo, outcome, routed.equals(outcome) ? "" : " (opened by staff: " + routed + ")");
    return routed;
  }

  void assigned(String returnNo, String agent, AgentAssignment.Reason reason, String detail) {
    repository.updateAssignee(returnNo, agent, reason.name());
    repository.event(returnNo, "system", "ASSIGNED", agent + " (" + reason.name().toLowerCase().replace('_', ' ')
        + ": " + detail + ")");
  }

  /**
   * The case's agent changes (re-assigned by a supervisor, or a task handed over in Tasklist): the record (which the
   * later agent tasks are assigned from) and the timeline. Nothing when the agent is already the case's.
   */
  void handedOver(CaseRow row, String agent, String by, AgentAssignment.Reason reason) {
    if (agent.equals(row.assignee())) {
      return;
    }
    repository.updateAssignee(row.returnNo(), agent, reason.name());
    if (reason == AgentAssignment.Reason.REASSIGNED) {
      repository.event(row.returnNo(), by, "REASSIGNED", "to " + agent);
    } else {
      repository.event(row.returnNo(), by, "ASSIGNED", agent + " (handed over by " + by + ")");
    }
    log.info("return {} assigned to {} ({} by {})", row.returnNo(), agent, reason.name().toLowerCase(), by);
  }

  /** The agent's review, by {@code by}; a rejection's reason is what the customer reads. */
  void reviewed(String returnNo, boolean approved, String rejectionReason, String by) {
    repository.updateApproved(returnNo, approved, by);
    if (!approved) {
      repository.updateRejectionReason(returnNo, rejectionReason);
    }
  }

  /** The warehouse's inspection, by {@code by}. */
  void inspected(String returnNo, boolean passed, String note, String by) {
    repository.updateInspection(returnNo, passed, note, by);
  }

  /**
   * After a failed inspection the agent refunds part ({@code amount}, at most the case's amount: the order's claim
   * shrinks to it) or rejects.
   */
  void decidedAfterFailedInspection(CaseRow row, boolean partial, BigDecimal amount, String note, String by) {
    repository.updatePartialRefund(row.returnNo(), partial, partial ? amount : null, by);
    if (partial) {
      orders.adjust(row.returnNo(), amount, by);
    } else {
      repository.updateRejectionReason(row.returnNo(), note);
    }
  }

  /** The second approval (二次审批), by {@code by}, on the timeline with everyone who decided before. */
  void secondApproved(CaseRow row, boolean approved, String note, String by) {
    repository.updateSecondApproval(row.returnNo(), approved, by);
    if (!approved) {
      repository.updateRejectionReason(row.returnNo(), note);
    }
    ReturnCaseRepository.Deciders d = row.deciders();
    repository.event(row.returnNo(), by, approved ? "SECOND_APPROVED" : "SECOND_REFUSED",
        "¥" + row.refund().amount().toPlainString() + " to " + row.refund().refundTo() + ": "
            + (approved ? "approved" : "refused") + " by " + by + " (opened by " + row.openedBy()
            + (d.reviewedBy() == null ? ", approved by the policy" : ", reviewed by " + d.reviewedBy())
            + (d.decidedBy() == null || d.decidedBy().equals(d.reviewedBy()) ? "" : ", decided by " + d.decidedBy())
            + (Boolean.FALSE.equals(row.refund().inspectionPassed()) ? ", inspected by " + d.inspectedBy() : "")
            + ")" + (note == null ? "" : ": " + note));
  }

  /**
   * What Task_IssueRefund pays, from the record alone: the case must be registered for this very process, refund
   * money, not be paid yet, and be due (approved; when the parcel comes back, inspected and passed, or a partial
   * refund decided; above the threshold or after a failed inspection, approved a second time), with its amount
   * reserved under its order's ceiling and no change of it waiting for a decision. Anything else pays nothing.
   */
  ReturnCaseRepository.Refund refundDue(String returnNo, String processInstanceId) {
    CaseRow row = caseOf(returnNo, processInstanceId);
    ReturnCaseRepository.Refund refund = row.refund();
    String problem = null;
    if (!row.caseType().moneyInvolved() || refund.amount() == null || refund.refundTo() == null) {
      problem = "its type " + row.type() + " refunds no money";
    } else if (refund.refundedAt() != null) {
      problem = "it was refunded already (" + refund.reference() + ")";
    } else if (row.status().isFinal()) {
      problem = "it is " + row.status();
    } else if (!Boolean.TRUE.equals(refund.approved()) && !Boolean.TRUE.equals(refund.partial())) {
      problem = "nobody approved it";
    } else if (row.caseType().parcelNeeded() && !Boolean.TRUE.equals(refund.inspectionPassed())
        && !Boolean.TRUE.equals(refund.partial())) {
      problem = "its parcel has not passed the warehouse's inspection";
    } else if (fourEyes.secondApprovalNeeded(row) && !Boolean.TRUE.equals(row.deciders().secondApproved())) {
      problem = "it needs a second approval by another after-sales supervisor";
    } else if (orders.reserved(returnNo).map(r -> r.compareTo(refund.amount()) != 0).orElse(true)) {
      problem = "its order's refund ceiling holds " + orders.reserved(returnNo).map(BigDecimal::toPlainString)
          .orElse("nothing") + " for it, not " + refund.amount().toPlainString();
    }
    if (problem != null) {
      throw new NotOwed("return " + returnNo + " is not due a refund: " + problem);
    }
    if (row.deciders().pendingChangeId() != null) {
      // not an incident at once: the refund retries (R5/PT1M) and is resumed when the change is decided
      throw new IllegalStateException("return " + returnNo + " waits: a change of its refund is pending a second "
          + "after-sales supervisor's decision");
    }
    return refund;
  }

  /** The gateway paid: recorded once with the provider's reference, and settled under the order's ceiling. */
  void refunded(String returnNo, BigDecimal amount, String refundTo, String reference, Instant at) {
    if (repository.markRefunded(returnNo, at, reference)) {
      orders.settle(returnNo, amount);
      repository.event(returnNo, "system", "REFUNDED", amount.toPlainString() + " to " + refundTo + " (" + reference
          + ")");
    }
  }

  /**
   * The case ended without a refund (rejected, cancelled): its claim goes back to the order and an open refund promise
   * is withdrawn.
   */
  void endedWithoutRefund(String returnNo, Status status, String why) {
    orders.release(returnNo);
    refundCare.withdraw(returnNo);
    repository.event(returnNo, "system", status.name(), why);
    log.info("return {} {}", returnNo, status.name().toLowerCase());
  }
}
