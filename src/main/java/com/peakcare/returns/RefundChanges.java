package com.peakcare.returns;

import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.order.Orders;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.returns.RefundChangeRepository.Change;
import com.peakcare.returns.RefundChangeRepository.State;
import com.peakcare.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A change of a case's refund (issue 20): its destination is the order's own payment method unless one after-sales
 * supervisor asks for another (validated: {@link RefundDestination}) and a different after-sales supervisor approves;
 * an amount changes the same way, within the items' price and the order's ceiling. Before the money moves the
 * customer is told on the order's contact (REFUND_DESTINATION_CHANGED, once); while a change waits the refund step
 * refuses to pay, and a decision resumes it. The timeline names both people.
 */
@Service
class RefundChanges {

  private static final Logger log = LoggerFactory.getLogger(RefundChanges.class);

  private final ReturnCaseRepository repository;
  private final RefundChangeRepository changes;
  private final FourEyes fourEyes;
  private final Orders orders;
  private final NoticeService notices;
  private final ReturnNoticeFacts facts;
  private final ManagementService management;

  RefundChanges(ReturnCaseRepository repository, RefundChangeRepository changes, FourEyes fourEyes, Orders orders,
      NoticeService notices, ReturnNoticeFacts facts, ManagementService management) {
    this.repository = repository;
    this.changes = changes;
    this.fourEyes = fourEyes;
    this.orders = orders;
    this.notices = notices;
    this.facts = facts;
    this.management = management;
  }

  /** An after-sales supervisor asks to change what the refund pays or where it goes, with a reason. */
  @Transactional
  void request(String returnNo, BigDecimal amount, String refundTo, String reason, String user) {
    requireSupervisor(user);
    CaseRow row = changeable(returnNo);
    BigDecimal newAmount = null;
    if (amount != null) {
      BigDecimal total = row.facts().itemsTotal();
      newAmount = amount.setScale(2, RoundingMode.UNNECESSARY);
      if (newAmount.signum() <= 0 || newAmount.compareTo(total) > 0) {
        throw ApiException.invalid("amount", "金额须大于 0、不超过所退商品的实付价 " + total.toPlainString() + " 元 · must be "
            + "more than 0 and at most the items' total " + total.toPlainString());
      }
    }
    String newTo = null;
    if (refundTo != null) {
      try {
        newTo = RefundDestination.parse(refundTo).code();
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("refundTo", e.getMessage());
      }
    }
    if ((newAmount == null || newAmount.compareTo(row.refund().amount()) == 0)
        && (newTo == null || newTo.equals(row.refund().refundTo()))) {
      throw ApiException.invalid("amount", "没有任何改动：请给出新的金额或退款去向 · nothing changes: give a new amount, a "
          + "new refundTo, or both");
    }
    if (changes.request(returnNo, newAmount, newTo, reason, user).isEmpty()) {
      throw ApiException.conflict("return " + returnNo + " has a refund change waiting for a decision already");
    }
    repository.event(returnNo, user, "REFUND_CHANGE_REQUESTED", describe(row, newAmount, newTo) + ": " + reason);
    log.info("return {} refund change requested by {}", returnNo, user);
  }

  /**
   * Another after-sales supervisor (not whoever asked, not whoever opened the case) approves or refuses the pending
   * change. Approved: the order's ceiling is adjusted to a new amount, the record changes, the customer is told about a
   * new destination before anything is paid, and a refund step that waited is resumed.
   */
  @Transactional
  void decide(String returnNo, boolean approve, String note, String user) {
    requireSupervisor(user);
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    String id = row.deciders().pendingChangeId();
    Change change = id == null ? null : changes.find(id).orElse(null);
    if (change == null) {
      throw ApiException.conflict("return " + returnNo + " has no refund change waiting for a decision");
    }
    if (user.equals(change.requestedBy()) || user.equals(row.openedBy())) {
      throw ApiException.forbidden("四眼原则：申请改退款的人和开单人不能批准 · Four-eyes: whoever asked for the change or "
          + "opened the case cannot decide it");
    }
    if (approve) {
      changeable(returnNo);
      if (change.amount() != null) {
        orders.adjust(returnNo, change.amount(), user);
      }
      BigDecimal amount = change.amount() != null ? change.amount() : row.refund().amount();
      String refundTo = change.refundTo() != null ? change.refundTo() : row.refund().refundTo();
      repository.updateRefund(returnNo, amount, refundTo);
      if (!refundTo.equals(row.refund().refundTo())) {
        tellCustomer(returnNo, change.id(), amount, refundTo);
      }
    }
    if (!changes.decide(returnNo, change.id(), approve ? State.APPROVED : State.REFUSED, user, note)) {
      throw ApiException.conflict("return " + returnNo + ": the refund change was decided meanwhile");
    }
    repository.event(returnNo, user, approve ? "REFUND_CHANGE_APPROVED" : "REFUND_CHANGE_REFUSED",
        describe(row, change.amount(), change.refundTo()) + ": " + (approve ? "approved" : "refused") + " by " + user
            + ", asked by " + change.requestedBy() + (note == null ? "" : ": " + note));
    resumeRefund(row);
    log.info("return {} refund change {} by {} (asked by {})", returnNo, approve ? "approved" : "refused", user,
        change.requestedBy());
  }

  private CaseRow changeable(String returnNo) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    if (!row.caseType().moneyInvolved()) {
      throw ApiException.conflict("return " + returnNo + " is a " + row.type() + ": no money is refunded");
    }
    if (row.status().isFinal() || row.refund().refundedAt() != null) {
      throw ApiException.conflict("return " + returnNo + " is " + (row.refund().refundedAt() != null ? "refunded"
          : row.status()) + ": its refund can no longer change");
    }
    return row;
  }

  private void requireSupervisor(String user) {
    if (!fourEyes.isAfterSalesSupervisor(user)) {
      throw ApiException.forbidden("改退款由售后主管申请，由另一位售后主管批准 · A refund change is asked for by one after-sales "
          + "supervisor and approved by another");
    }
  }

  /** REFUND_DESTINATION_CHANGED on the order's contact, once per change (its id is the notice's dedup key). */
  private void tellCustomer(String returnNo, String changeId, BigDecimal amount, String refundTo) {
    var found = facts.of(returnNo).orElseThrow(() -> new IllegalStateException("no facts of return " + returnNo));
    Map<String, Object> values = new HashMap<>();
    values.put(NoticeVariables.RETURN_NO, returnNo);
    values.put(NoticeVariables.AMOUNT, amount);
    values.put(NoticeVariables.REFUND_TO, ReturnNoticeFacts.destination(refundTo, found.customer().locale(), null));
    notices.sendOnce(returnNo, NoticeType.REFUND_DESTINATION_CHANGED, changeId, found.customer(), values);
  }

  /** A refund step that failed while the change waited runs again now (its retries were spent on the wait). */
  private void resumeRefund(CaseRow row) {
    if (row.processInstanceId() == null) {
      return;
    }
    for (Job job : management.createJobQuery().processInstanceId(row.processInstanceId())
        .activityId(Elements.TASK_ISSUE_REFUND).list()) {
      if (job.getExceptionMessage() != null) {
        management.setJobRetries(job.getId(), Math.max(1, job.getRetries()));
        management.setJobDuedate(job.getId(), new java.util.Date());
      }
    }
  }

  private static String describe(CaseRow row, BigDecimal amount, String refundTo) {
    return row.refund().amount().toPlainString() + " to " + row.refund().refundTo() + " → "
        + (amount == null ? row.refund().amount() : amount).toPlainString() + " to "
        + (refundTo == null ? row.refund().refundTo() : refundTo);
  }
}
