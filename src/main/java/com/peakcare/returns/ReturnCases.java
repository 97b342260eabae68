package com.peakcare.returns;

import com.peakcare.notice.NoticeService;
import com.peakcare.notice.RefundCare;
import com.peakcare.returns.ReturnCaseProcess.Messages;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.engine.EngineGate;
import com.peakcare.engine.Refusal;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Opens return cases, moves them on when the outside world reports, and shows where each one stands. */
@Service
public class ReturnCases {

  private static final Logger log = LoggerFactory.getLogger(ReturnCases.class);
  static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Shanghai");

  private final ReturnCaseRepository repository;
  private final AgentAssignment assignment;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final NoticeService notices;
  private final RefundCare refundCare;
  private final ReturnSettings settings;
  private final EngineGate gate;
  private final TransactionTemplate transaction;
  private final ReturnCategories categories;

  ReturnCases(ReturnCaseRepository repository, AgentAssignment assignment, RuntimeService runtimeService,
      TaskService taskService, NoticeService notices, RefundCare refundCare, ReturnSettings settings, EngineGate gate,
      PlatformTransactionManager transactionManager, ReturnCategories categories) {
    this.repository = repository;
    this.assignment = assignment;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.notices = notices;
    this.refundCare = refundCare;
    this.settings = settings;
    this.gate = gate;
    this.transaction = new TransactionTemplate(transactionManager);
    this.categories = categories;
  }

  /** The case and whether this call created it (false: an identical retry of an earlier request). */
  public record Opened(boolean created, ReturnCaseView view) {}

  /**
   * Opens a case (REST): validated by the controller, fingerprinted, registered and started in one transaction. The
   * return number is the key: an identical retry by the same account answers the existing case; other content, or
   * another account, with the same number is a conflict that shows nothing of the case.
   */
  public Opened open(ReturnRequest request, String user) {
    String hash = RequestFingerprint.hash(request);
    Optional<Opened> earlier = earlier(request.returnNo(), hash, user);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    requireAgent(request.assignee());
    List<FieldProblem> problems = problems(request);
    if (!problems.isEmpty()) {
      throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: "
          + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()), problems);
    }
    try {
      register(request, hash, user);
    } catch (RuntimeException e) {
      // a concurrent identical request may have won the race on the primary key
      Optional<Opened> raced = earlier(request.returnNo(), hash, user);
      if (raced.isPresent()) {
        return raced.get();
      }
      throw e;
    }
    return new Opened(true, view(request.returnNo()));
  }

  /**
   * Opens a case from Tasklist's start form (or the engine API's start): the same validation and registration as the
   * API; a return number that exists is the person's mistake, not a retry.
   */
  ProcessInstanceWithVariables openFromForm(ReturnRequest request, String user) {
    if (repository.find(request.returnNo()).isPresent()) {
      throw Refusal.invalid(Vars.RETURN_NO, "退货单号 " + request.returnNo() + " 已存在 · Return "
          + request.returnNo() + " exists already");
    }
    if (request.assignee() != null && !request.assignee().isBlank() && !assignment.isAgent(request.assignee())) {
      throw Refusal.invalid(Vars.REQUESTED_ASSIGNEE, request.assignee() + " 不是售后客服 · " + request.assignee()
          + " is not an after-sales agent");
    }
    return register(request, RequestFingerprint.hash(request), user);
  }

  /**
   * The rules beyond each field's own, the same for every door: the amount within the items' total, each item's
   * category one of the shop's (processes/return-categories.dmn), named with the accepted values.
   */
  List<FieldProblem> problems(ReturnRequest request) {
    List<FieldProblem> problems = new java.util.ArrayList<>(request.crossFieldProblems());
    List<String> accepted = categories.codes();
    for (int i = 0; request.items() != null && i < request.items().size(); i++) {
      ReturnRequest.Item item = request.items().get(i);
      if (item != null && item.category() != null && !accepted.contains(item.category())) {
        problems.add(new FieldProblem("items[" + i + "].category", "商品类目须为店铺定义的类目之一 · one of the shop's "
            + "categories " + accepted));
      }
    }
    return problems;
  }

  private void requireAgent(String assignee) {
    if (assignee != null && !assignee.isBlank() && !assignment.isAgent(assignee)) {
      throw ApiException.invalid("assignee", assignee + " is not an agent of after-sales");
    }
  }

  /**
   * The case record first (the system of record: request, money, destination), then its process, started by PeakCare
   * itself, in one transaction: the record and the process exist together or not at all.
   */
  private ProcessInstanceWithVariables register(ReturnRequest request, String hash, String user) {
    return transaction.execute(status -> {
      Instant now = Instant.now();
      boolean money = request.type().moneyInvolved();
      repository.insert(new CaseRow(request.returnNo(), request.orderNo(), request.type().name(),
          request.reason().name(), request.amount(), customerKey(request.customer().phone()),
          request.customer().memberTier().name(), request.customer().province(), hash,
          RequestFingerprint.json(request), null, Status.OPEN, null, null, user, now, now,
          new ReturnCaseRepository.Refund(money ? request.amount() : null, money ? settings.refundTo() : null,
              null, null, null, null, null), ReturnCaseRepository.Progress.NONE));
      repository.event(request.returnNo(), user, "OPENED",
          request.type() + " / " + request.reason() + " / " + request.amount().toPlainString());
      return gate.asPeakCare(() -> runtimeService.createProcessInstanceByKey(ReturnCaseProcess.KEY)
          .businessKey(request.returnNo())
          .setVariables(variables(request))
          .executeWithVariablesInReturn());
    });
  }

  /** Task_RegisterCase: the process attaches to its case record; a process without one stops here. */
  void attach(String returnNo, String processInstanceId) {
    if (returnNo == null || !repository.attach(returnNo, processInstanceId)) {
      throw new IllegalStateException("return case " + returnNo + " is not registered, or already has its process:"
          + " cases are opened through POST /api/returns or Tasklist's start form");
    }
  }

  private Optional<Opened> earlier(String returnNo, String hash, String user) {
    return repository.find(returnNo).map(existing -> {
      if (!existing.openedBy().equals(user)) {
        throw ApiException.conflict("return " + returnNo + " exists already: choose another return number");
      }
      if (!existing.requestHash().equals(hash)) {
        throw ApiException.conflict("return " + returnNo + " already exists with different content");
      }
      return new Opened(false, view(returnNo));
    });
  }

  /**
   * The process variables of a new case: what its gateways and task priorities route on, nothing else (the record
   * holds the request; see {@link ReturnCaseProcess#PROCESS_VARIABLES}).
   */
  static VariableMap variables(ReturnRequest r) {
    ReturnCaseProcess.MemberTier tier = r.customer().memberTier();
    return Variables.createVariables()
        .putValue(Vars.TYPE, r.type().name())
        .putValue(Vars.MONEY_INVOLVED, r.type().moneyInvolved())
        .putValue(Vars.PARCEL_NEEDED, r.type().parcelNeeded())
        .putValue(Vars.MEMBER_TIER, tier.name())
        .putValue(Vars.PRIORITY, tier.isVip() ? 80 : 50);
  }

  /** The agent of the case run by this execution, from its record: the assignee of its agent tasks. */
  public String agentOf(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    CaseRow row = caseOf(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    if (row.assignee() == null) {
      throw new IllegalStateException("return " + row.returnNo() + " has no agent yet");
    }
    return row.assignee();
  }

  static int daysSinceDelivery(Instant deliveredAt, Instant now) {
    if (deliveredAt == null) {
      return 0; // not delivered yet (refund only before shipment)
    }
    // counted in calendar days in the shop's time zone, from the day after delivery (签收次日起算)
    long days = java.time.Duration.between(deliveredAt.atZone(SHOP_ZONE).toLocalDate().atStartOfDay(SHOP_ZONE),
        now.atZone(SHOP_ZONE).toLocalDate().atStartOfDay(SHOP_ZONE)).toDays();
    return (int) Math.max(0, days);
  }

  static String customerKey(String phone) {
    return phone.replaceAll("[^0-9]", "");
  }

  public ReturnCaseView view(String returnNo) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    List<Task> tasks = row.status().isFinal() || row.processInstanceId() == null ? List.of()
        : taskService.createTaskQuery().processInstanceBusinessKey(returnNo).active().list();
    return ReturnCaseView.of(row, tasks, repository.events(returnNo), notices.noticesOf(returnNo),
        refundCare.promiseOf(returnNo).orElse(null));
  }

  public List<ReturnCaseView.Summary> list(Status status, String assignee, String openedBy,
      com.peakcare.web.ListPage.Bounds page) {
    return repository.list(status, assignee, openedBy, page).stream().map(ReturnCaseView.Summary::of).toList();
  }

  @Transactional
  public ReturnCaseView parcelShipped(String returnNo, String courier, String waybillNo, String user) {
    requireStatus(returnNo, Status.AWAITING_PARCEL, "is not waiting for a parcel");
    repository.updateShipment(returnNo, courier, waybillNo);
    repository.event(returnNo, user, "PARCEL_SHIPPED", courier + " " + waybillNo);
    runtimeService.createMessageCorrelation(Messages.PARCEL_SHIPPED)
        .processInstanceBusinessKey(returnNo)
        .setVariable(Vars.INSPECTION_DUE, Date.from(Instant.now().plus(settings.inspectionSla())))
        .correlate();
    log.info("return {} parcel shipped ({})", returnNo, courier);
    return view(returnNo);
  }

  @Transactional
  public ReturnCaseView replacementDelivered(String returnNo, String user) {
    requireStatus(returnNo, Status.EXCHANGE_SHIPPED, "has no replacement on its way");
    repository.event(returnNo, user, "REPLACEMENT_DELIVERED", null);
    runtimeService.createMessageCorrelation(Messages.REPLACEMENT_DELIVERED)
        .processInstanceBusinessKey(returnNo)
        .correlate();
    return view(returnNo);
  }

  @Transactional
  public ReturnCaseView surveyAnswered(String returnNo, int rating, String user) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    boolean waiting = runtimeService.createEventSubscriptionQuery().eventName(Messages.SURVEY_ANSWERED)
        .processInstanceId(row.processInstanceId()).count() > 0;
    if (!waiting) {
      throw ApiException.conflict("return " + returnNo + " is not waiting for a survey answer");
    }
    // the timeline first: the correlation may run the case to its end in this transaction
    repository.event(returnNo, user, "SURVEY_ANSWERED", "rating " + rating);
    runtimeService.createMessageCorrelation(Messages.SURVEY_ANSWERED)
        .processInstanceBusinessKey(returnNo)
        .setVariable(Vars.RATING, rating)
        .correlate();
    return view(returnNo);
  }

  /** A supervisor gives the case, and its open agent tasks, to another agent. */
  @Transactional
  public ReturnCaseView reassign(String returnNo, String agent, String user) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    if (row.status().isFinal()) {
      throw ApiException.conflict("return " + returnNo + " is " + row.status());
    }
    if (!assignment.isAgent(agent)) {
      throw ApiException.invalid("assignee", agent + " is not an agent of after-sales");
    }
    handedOver(row, agent, user, AgentAssignment.Reason.REASSIGNED);
    for (Task task : taskService.createTaskQuery().processInstanceId(row.processInstanceId()).active().list()) {
      if (task.getAssignee() != null && ReturnTaskPolicy.AGENT_TASKS.contains(task.getTaskDefinitionKey())) {
        taskService.setAssignee(task.getId(), agent);
      }
    }
    return view(returnNo);
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

  /**
   * Changes what the refund pays or where it goes (supervisors): only before it is paid, at most the items' total
   * (for a price difference too: the difference claimed can never exceed what the items cost), on the timeline.
   */
  @Transactional
  public ReturnCaseView changeRefund(String returnNo, BigDecimal amount, String refundTo, String reason, String user) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    if (!row.caseType().moneyInvolved()) {
      throw ApiException.conflict("return " + returnNo + " is a " + row.type() + ": no money is refunded");
    }
    if (row.status().isFinal() || row.refund().refundedAt() != null) {
      throw ApiException.conflict("return " + returnNo + " is " + (row.refund().refundedAt() != null ? "refunded"
          : row.status()) + ": its refund can no longer change");
    }
    BigDecimal total = row.request().itemsTotal();
    BigDecimal newAmount = amount == null ? row.refund().amount() : amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    if (newAmount.signum() <= 0 || newAmount.compareTo(total) > 0) {
      throw ApiException.invalid("amount", "must be more than 0 and at most the items' total " + total.toPlainString());
    }
    String newTo = refundTo == null ? row.refund().refundTo() : refundTo;
    repository.updateRefund(returnNo, newAmount, newTo);
    repository.event(returnNo, user, "REFUND_CHANGED", row.refund().amount() + " to " + row.refund().refundTo()
        + " → " + newAmount.toPlainString() + " to " + newTo + ": " + reason);
    log.info("return {} refund changed by {}", returnNo, user);
    return view(returnNo);
  }

  private void requireStatus(String returnNo, Status expected, String otherwise) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    if (row.status() != expected) {
      throw ApiException.conflict("return " + returnNo + " " + otherwise + " (status " + row.status() + ")");
    }
  }

  // used by the process's delegates and listeners

  void status(String returnNo, Status status) {
    repository.updateStatus(returnNo, status);
  }

  void event(String returnNo, String actor, String event, String detail) {
    repository.event(returnNo, actor, event, detail);
  }

  void replacementShipped(String returnNo, String courier, String waybillNo) {
    repository.updateShipment(returnNo, courier, waybillNo);
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

  /** The agent's review (or the policy's automatic approval); a rejection's reason is what the customer reads. */
  void reviewed(String returnNo, boolean approved, String rejectionReason) {
    repository.updateApproved(returnNo, approved);
    if (!approved) {
      repository.updateRejectionReason(returnNo, rejectionReason);
    }
  }

  /** The warehouse's inspection. */
  void inspected(String returnNo, boolean passed, String note) {
    repository.updateInspection(returnNo, passed, note);
  }

  /** After a failed inspection the agent refunds part ({@code amount}) or rejects. */
  void decidedAfterFailedInspection(String returnNo, boolean partial, BigDecimal amount, String note) {
    repository.updatePartialRefund(returnNo, partial, partial ? amount : null);
    if (!partial) {
      repository.updateRejectionReason(returnNo, note);
    }
  }

  /**
   * What Task_IssueRefund pays, from the record alone: the case must be registered for this very process, refund
   * money, not be paid yet, and be due (approved; when the parcel comes back, inspected and passed, or a partial
   * refund decided). Anything else pays nothing: the step fails and, after its retries, is an incident.
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
    }
    if (problem != null) {
      throw new NotOwed("return " + returnNo + " is not due a refund: " + problem);
    }
    return refund;
  }

  /** A step the case record does not back (no record, not due): never retried, an incident at once. */
  static final class NotOwed extends IllegalStateException implements com.peakcare.engine.FailsAtOnce {
    NotOwed(String message) {
      super(message);
    }
  }

  /** The gateway paid: recorded once with the provider's reference. */
  void refunded(String returnNo, BigDecimal amount, String refundTo, String reference, Instant at) {
    if (repository.markRefunded(returnNo, at, reference)) {
      repository.event(returnNo, "system", "REFUNDED", amount.toPlainString() + " to " + refundTo + " (" + reference + ")");
    }
  }

  void policyDecided(String returnNo, String outcome, String rejectionReason, String detail) {
    repository.updatePolicy(returnNo, outcome);
    if (rejectionReason != null) {
      repository.updateRejectionReason(returnNo, rejectionReason);
    }
    if (ReturnCaseProcess.Outcome.AUTO_APPROVE.name().equals(outcome)) {
      repository.updateApproved(returnNo, true);
    }
    repository.event(returnNo, "system", "POLICY_DECIDED", detail);
    log.info("return {} policy {}", returnNo, outcome);
  }

  void assigned(String returnNo, String agent, AgentAssignment.Reason reason, String detail) {
    repository.updateAssignee(returnNo, agent, reason.name());
    repository.event(returnNo, "system", "ASSIGNED", agent + " (" + reason.name().toLowerCase().replace('_', ' ')
        + ": " + detail + ")");
  }

  /** An open refund promise is withdrawn when the case ends without a refund (rejected, cancelled). */
  void endedWithoutRefund(String returnNo, Status status, String why) {
    refundCare.withdraw(returnNo);
    repository.event(returnNo, "system", status.name(), why);
    log.info("return {} {}", returnNo, status.name().toLowerCase());
  }
}
