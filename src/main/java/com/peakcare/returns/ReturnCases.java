package com.peakcare.returns;

import com.peakcare.engine.gate.Refusal;
import com.peakcare.order.CeilingRefused;
import com.peakcare.returns.ReturnCaseProcess.Messages;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.web.ApiException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens return cases, moves them on when the outside world reports, and shows where each one stands: the API's and
 * Tasklist's front door. What the process's steps do and record is {@link CaseSteps} (issue 23: the delegates,
 * listeners, task policy and model expressions call that, never this); how a case is shown is
 * {@link ReturnCaseViews}; how it is opened and checked against its order, {@link ReturnOpening}.
 */
@Service
public class ReturnCases {

  private static final Logger log = LoggerFactory.getLogger(ReturnCases.class);

  private final ReturnCaseRepository repository;
  private final ReturnOpening opening;
  private final ReturnCaseViews views;
  private final CaseSteps steps;
  private final FourEyes fourEyes;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ReturnSettings settings;

  ReturnCases(ReturnCaseRepository repository, ReturnOpening opening, ReturnCaseViews views, CaseSteps steps,
      FourEyes fourEyes, RuntimeService runtimeService, TaskService taskService, ReturnSettings settings) {
    this.repository = repository;
    this.opening = opening;
    this.views = views;
    this.steps = steps;
    this.fourEyes = fourEyes;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.settings = settings;
  }

  /** The case and whether this call created it (false: an identical retry of an earlier request). */
  public record Opened(boolean created, ReturnCaseView view) {}

  /**
   * Opens a case (REST): validated by the controller, checked against its order, fingerprinted, registered with its
   * claim on the order's ceiling and started in one transaction. The return number is the key: an identical retry by
   * the same account answers the existing case; other content, or another account, with the same number is a
   * conflict that shows nothing of the case.
   */
  public Opened open(ReturnRequest request, String user) {
    String hash = RequestFingerprint.hash(request);
    Optional<Opened> earlier = earlier(request.returnNo(), hash, user);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    ReturnOpening.Checked checked = opening.check(request, user);
    ReturnCaseView opened;
    try {
      // the answer is the case as the opening transaction wrote it, built before it commits (issue 23: reading it all
      // back after the commit selected the row, its timeline, promise and change again, each on a connection of its own)
      opened = opening.register(checked, hash, user, started -> view(request.returnNo()));
    } catch (CeilingRefused e) {
      throw e;
    } catch (RuntimeException e) {
      // a concurrent identical request may have won the race on the primary key
      Optional<Opened> raced = earlier(request.returnNo(), hash, user);
      if (raced.isPresent()) {
        return raced.get();
      }
      throw e;
    }
    return new Opened(true, opened);
  }

  /**
   * Opens a case from Tasklist's start form (or the engine API's start): the same checks and registration as the API;
   * a return number that exists is the person's mistake, not a retry; every refusal names the form's field.
   */
  ProcessInstanceWithVariables openFromForm(ReturnRequest request, String user) {
    if (repository.find(request.returnNo()).isPresent()) {
      throw Refusal.invalid(Vars.RETURN_NO, "退货单号 " + request.returnNo() + " 已存在 · Return "
          + request.returnNo() + " exists already");
    }
    try {
      return opening.register(opening.check(request, user), RequestFingerprint.hash(request), user);
    } catch (ApiException e) {
      String field = e.errors().isEmpty() ? Vars.RETURN_NO : e.errors().get(0).field();
      throw Refusal.invalid(ReturnStartDoor.formField(field), "退换货单无法创建 · The return case cannot be opened: "
          + String.join("; ", e.errors().stream().map(p -> ReturnStartDoor.formField(p.field()) + ": " + p.message())
              .toList()));
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
   * The agent of the case run by this execution, for the models of version 3 and before, whose agent tasks say
   * {@code ${returnCases.agentOf(execution)}} (instances still running in a database reach it). Version 4 and later
   * ask the steps ({@code ${caseSteps.agentOf(execution)}}). Remove once no instance of version 3 is left.
   */
  @Deprecated
  public String agentOf(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    return steps.agentOf(execution);
  }

  /** Where the case stands: the record, its open tasks, timeline, notices, refund promise and change. */
  public ReturnCaseView view(String returnNo) {
    return views.view(returnNo);
  }

  public List<ReturnCaseView.Summary> list(Status status, String assignee, String openedBy,
      com.peakcare.web.ListPage.Bounds page) {
    return views.list(status, assignee, openedBy, page);
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
    // only instances of return-case.bpmn up to version 4 ask for a rating themselves (later: return-survey.bpmn)
    boolean waiting = runtimeService.createEventSubscriptionQuery()
        .eventName(ReturnCaseProcess.UpToVersion4.SURVEY_ANSWERED).processInstanceId(row.processInstanceId()).count() > 0;
    if (!waiting) {
      throw ApiException.conflict("return " + returnNo + " is not waiting for a survey answer");
    }
    // the timeline first: the correlation may run the case to its end in this transaction
    repository.event(returnNo, user, "SURVEY_ANSWERED", "rating " + rating);
    runtimeService.createMessageCorrelation(ReturnCaseProcess.UpToVersion4.SURVEY_ANSWERED)
        .processInstanceBusinessKey(returnNo)
        .setVariable(Vars.RATING, rating)
        .correlate();
    return view(returnNo);
  }

  /**
   * An after-sales supervisor gives the case, and its open agent tasks, to another agent: never to the person who
   * opened it (the same answer as for a user who is no agent).
   */
  @Transactional
  public ReturnCaseView reassign(String returnNo, String agent, String user) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    if (row.status().isFinal()) {
      throw ApiException.conflict("return " + returnNo + " is " + row.status());
    }
    if (!fourEyes.isEligibleAgent(agent, row.openedBy())) {
      throw ApiException.invalid(Vars.ASSIGNEE, FourEyes.NOT_ELIGIBLE);
    }
    steps.handedOver(row, agent, user, AgentAssignment.Reason.REASSIGNED);
    for (Task task : taskService.createTaskQuery().processInstanceId(row.processInstanceId()).active().list()) {
      if (task.getAssignee() != null && ReturnTaskPolicy.AGENT_TASKS.contains(task.getTaskDefinitionKey())) {
        taskService.setAssignee(task.getId(), agent);
      }
    }
    return view(returnNo);
  }

  private void requireStatus(String returnNo, Status expected, String otherwise) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    if (row.status() != expected) {
      throw ApiException.conflict("return " + returnNo + " " + otherwise + " (status " + row.status() + ")");
    }
  }

  Optional<CaseRow> find(String returnNo) {
    return repository.find(returnNo);
  }

}
