package com.peakcare.returns;

import com.peakcare.notice.NoticeService;
import com.peakcare.notice.RefundCare;
import com.peakcare.returns.ReturnCaseProcess.Messages;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.web.ApiException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens return cases, moves them on when the outside world reports, and shows where each one stands. */
@Service
public class ReturnCases {

  private static final Logger log = LoggerFactory.getLogger(ReturnCases.class);

  private final ReturnCaseRepository repository;
  private final AgentAssignment assignment;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final NoticeService notices;
  private final RefundCare refundCare;
  private final ReturnSettings settings;

  ReturnCases(ReturnCaseRepository repository, AgentAssignment assignment, RuntimeService runtimeService,
      TaskService taskService, NoticeService notices, RefundCare refundCare, ReturnSettings settings) {
    this.repository = repository;
    this.assignment = assignment;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.notices = notices;
    this.refundCare = refundCare;
    this.settings = settings;
  }

  /** The case and whether this call created it (false: an identical retry of an earlier request). */
  public record Opened(boolean created, ReturnCaseView view) {}

  public Opened open(ReturnRequest request, String user) {
    String hash = RequestFingerprint.hash(request);
    Optional<Opened> earlier = earlier(request.returnNo(), hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    if (request.assignee() != null && !request.assignee().isBlank() && !assignment.isAgent(request.assignee())) {
      throw ApiException.invalid("assignee", request.assignee() + " is not an agent of after-sales");
    }
    try {
      // one engine command, one transaction: the case row, the policy decision, the assignment and the first
      // notices commit together or not at all
      runtimeService.createProcessInstanceByKey(ReturnCaseProcess.KEY)
          .businessKey(request.returnNo())
          .setVariables(variables(request, user))
          .execute();
    } catch (RuntimeException e) {
      // a concurrent identical request may have won the race on the primary key
      Optional<Opened> raced = earlier(request.returnNo(), hash);
      if (raced.isPresent()) {
        return raced.get();
      }
      throw e;
    }
    return new Opened(true, view(request.returnNo()));
  }

  private Optional<Opened> earlier(String returnNo, String hash) {
    return repository.find(returnNo).map(existing -> {
      if (!existing.requestHash().equals(hash)) {
        throw ApiException.conflict("return " + returnNo + " already exists with different content");
      }
      return new Opened(false, view(returnNo));
    });
  }

  static VariableMap variables(ReturnRequest r, String user) {
    ReturnRequest.Customer c = r.customer();
    return Variables.createVariables()
        .putValueTyped(RegisterReturnCaseDelegate.REQUEST_JSON,
            Variables.stringValue(RequestFingerprint.json(r), true))
        .putValue(Vars.RETURN_NO, r.returnNo())
        .putValue(Vars.ORDER_NO, r.orderNo())
        .putValue(Vars.TYPE, r.type().name())
        .putValue(Vars.REASON, r.reason().name())
        .putValue(Vars.AMOUNT, r.amount().doubleValue())
        .putValue(Vars.DELIVERED_AT, r.deliveredAt() == null ? null : Date.from(r.deliveredAt()))
        .putValue(Vars.CUSTOMER_NAME, c.name())
        .putValue(Vars.CUSTOMER_PHONE, c.phone())
        .putValue(Vars.CUSTOMER_EMAIL, c.email())
        .putValue(Vars.CUSTOMER_LOCALE, c.locale())
        .putValue(Vars.CUSTOMER_PROVINCE, c.province())
        .putValue(Vars.MEMBER_TIER, c.memberTier().name())
        .putValue(Vars.REQUESTED_ASSIGNEE, r.assignee())
        .putValue(Vars.OPENED_BY, user);
  }

  public ReturnCaseView view(String returnNo) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    List<Task> tasks = row.status().isFinal() || row.processInstanceId() == null ? List.of()
        : taskService.createTaskQuery().processInstanceBusinessKey(returnNo).active().list();
    return ReturnCaseView.of(row, tasks, repository.events(returnNo), notices.noticesOf(returnNo),
        refundCare.promiseOf(returnNo).orElse(null));
  }

  public List<ReturnCaseView.Summary> list(Status status, String assignee, int page, int size) {
    return repository.list(status, assignee, page, size).stream().map(ReturnCaseView.Summary::of).toList();
  }

  @Transactional
  public ReturnCaseView parcelShipped(String returnNo, String courier, String waybillNo, String user) {
    requireStatus(returnNo, Status.AWAITING_PARCEL, "is not waiting for a parcel");
    repository.updateShipment(returnNo, courier, waybillNo);
    repository.event(returnNo, user, "PARCEL_SHIPPED", courier + " " + waybillNo);
    runtimeService.createMessageCorrelation(Messages.PARCEL_SHIPPED)
        .processInstanceBusinessKey(returnNo)
        .setVariable(Vars.COURIER, courier)
        .setVariable(Vars.WAYBILL_NO, waybillNo)
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
    runtimeService.setVariable(row.processInstanceId(), Vars.ASSIGNEE, agent);
    runtimeService.setVariable(row.processInstanceId(), Vars.ASSIGNMENT_REASON, AgentAssignment.Reason.REASSIGNED.name());
    repository.updateAssignee(returnNo, agent);
    repository.event(returnNo, user, "REASSIGNED", "to " + agent);
    for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(returnNo).active().list()) {
      if (task.getAssignee() != null && ReturnTaskGuard.AGENT_TASKS.contains(task.getTaskDefinitionKey())) {
        taskService.setAssignee(task.getId(), agent);
      }
    }
    log.info("return {} assigned to {} (reassigned by {})", returnNo, agent, user);
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

  void policyDecided(String returnNo, String outcome, String detail) {
    repository.updatePolicy(returnNo, outcome);
    repository.event(returnNo, "system", "POLICY_DECIDED", detail);
    log.info("return {} policy {}", returnNo, outcome);
  }

  void assigned(String returnNo, String agent, String reason) {
    repository.updateAssignee(returnNo, agent);
    repository.event(returnNo, "system", "ASSIGNED", agent + " (" + reason + ")");
  }

  /** An open refund promise is withdrawn when the case ends without a refund (rejected, cancelled). */
  void endedWithoutRefund(String returnNo, Status status, String why) {
    refundCare.withdraw(returnNo);
    repository.event(returnNo, "system", status.name(), why);
    log.info("return {} {}", returnNo, status.name().toLowerCase());
  }
}
