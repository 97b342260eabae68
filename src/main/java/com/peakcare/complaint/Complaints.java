package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.Messages;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.engine.gate.EngineGate;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.notice.NoticeService;
import com.peakcare.order.Order;
import com.peakcare.order.Orders;
import com.peakcare.returns.ReturnCases;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import com.peakcare.web.Fingerprints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Complaints' front door (the API, Tasklist's start form): opens a complaint on its registered order, records what the
 * customer says from outside (an answer while PeakCare waits, a confirmation, coming back after the close) and shows
 * where each complaint stands. What the process's steps record is {@link ComplaintSteps}.
 */
@Service
public class Complaints {

  private static final Logger log = LoggerFactory.getLogger(Complaints.class);

  private final ComplaintRepository repository;
  private final ComplaintPeople people;
  private final Orders orders;
  private final ReturnCases returns;
  private final StaffDirectory staff;
  private final EngineGate gate;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final org.camunda.bpm.engine.RepositoryService repositoryService;
  private final NoticeService notices;
  private final TransactionTemplate transaction;

  Complaints(ComplaintRepository repository, ComplaintPeople people, Orders orders, ReturnCases returns,
      StaffDirectory staff, EngineGate gate, RuntimeService runtimeService, TaskService taskService,
      org.camunda.bpm.engine.RepositoryService repositoryService, NoticeService notices,
      PlatformTransactionManager transactionManager) {
    this.repository = repository;
    this.people = people;
    this.orders = orders;
    this.returns = returns;
    this.staff = staff;
    this.gate = gate;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.notices = notices;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** The complaint and whether this call opened it (false: an identical retry). */
  public record Opened(boolean created, ComplaintView view) {}

  /**
   * Opens a complaint: the order registered (and the opener's to name), the linked return cases the order's, the
   * agent an after-sales member; then the record, its timeline and its process in one transaction. The complaint
   * number is the key: the same request again by the same account is the same complaint; anything else under the
   * number is a 409 that shows nothing of it.
   */
  public Opened open(ComplaintRequest request, String user) {
    String hash = Fingerprints.sha256(Fingerprints.json(request));
    Optional<Opened> earlier = earlier(request.complaintNo(), hash, user);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Order order = check(request, user);
    String processInstanceId;
    try {
      processInstanceId = register(request, order, hash, user).getId();
    } catch (RuntimeException e) {
      Optional<Opened> raced = earlier(request.complaintNo(), hash, user);
      if (raced.isPresent()) {
        return raced.get();
      }
      throw e;
    }
    return new Opened(true, view(request.complaintNo(), () -> Optional.of(processInstanceId)));
  }

  /** Tasklist's start form: the same checks; a number that exists is the person's mistake, not a retry. */
  ProcessInstanceWithVariables openFromForm(ComplaintRequest request, String user) {
    if (repository.find(request.complaintNo()).isPresent()) {
      throw new ApiException(HttpStatus.CONFLICT, "Conflict", "complaint exists", List.of(new FieldProblem(
          Vars.COMPLAINT_NO, "投诉单号已存在 · a complaint with this number exists")));
    }
    return register(request, check(request, user), Fingerprints.sha256(Fingerprints.json(request)), user);
  }

  private Optional<Opened> earlier(String complaintNo, String hash, String user) {
    return repository.find(complaintNo).map(row -> {
      if (!row.requestHash().equals(hash) || !row.openedBy().equals(user)) {
        throw new ApiException(HttpStatus.CONFLICT, "Conflict", "投诉单号 " + complaintNo + " 已被其他内容使用 · complaint "
            + "number " + complaintNo + " is taken by other content", List.of(new FieldProblem(Vars.COMPLAINT_NO,
            "已被其他内容使用 · taken by other content")));
      }
      return new Opened(false, view(complaintNo));
    });
  }

  private Order check(ComplaintRequest request, String user) {
    List<FieldProblem> problems = new ArrayList<>();
    Optional<Order> order = orders.find(request.orderNo())
        .filter(o -> o.registeredBy().equals(user) || staff.isMember(user, Groups.AFTER_SALES));
    if (order.isEmpty()) {
      problems.add(new FieldProblem(Vars.ORDER_NO, "没有这个已登记的订单：请先由店铺系统登记（PUT /api/orders/{orderNo}） · no "
          + "such registered order: the shop's system registers it first (PUT /api/orders/{orderNo})"));
    }
    for (int i = 0; i < request.linkedReturns().size(); i++) {
      String returnNo = request.linkedReturns().get(i);
      String orderOfReturn;
      try {
        orderOfReturn = returns.view(returnNo).orderNo();
      } catch (ApiException e) {
        orderOfReturn = null;
      }
      if (orderOfReturn == null || !orderOfReturn.equals(request.orderNo())) {
        problems.add(new FieldProblem("linkedReturns[" + i + "]", "这个订单没有这张退换货单 · the order has no return "
            + "case " + returnNo));
      }
    }
    if (request.agent() != null && !request.agent().isBlank() && !people.isAgent(request.agent())) {
      problems.add(new FieldProblem("agent", "不是售后客服 · not an after-sales agent"));
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: " + problems.stream()
          .map(FieldProblem::field).distinct().collect(Collectors.joining(", ")), problems);
    }
    return order.get();
  }

  private ProcessInstanceWithVariables register(ComplaintRequest request, Order order, String hash, String user) {
    String agent = request.agent() != null && !request.agent().isBlank() ? request.agent()
        : people.isAgent(user) ? user : people.leastLoadedAgent();
    return transaction.execute(status -> {
      Instant now = Instant.now();
      repository.insert(request.complaintNo(), order.orderNo(), request.channel().name(), request.category().name(),
          request.severity().name(), order.memberTier().name(), request.demand().strip(),
          String.join(",", request.linkedReturns()), hash, user, now, agent);
      repository.event(request.complaintNo(), user, "OPENED", null, agent, 0, request.channel() + " / "
          + request.category() + " / " + request.severity() + " / order " + order.orderNo()
          + (request.linkedReturns().isEmpty() ? "" : " / returns " + String.join(",", request.linkedReturns())));
      log.info("complaint {} opened by {} for order {}, agent {}", request.complaintNo(), user, order.orderNo(), agent);
      return gate.asPeakCare(() -> runtimeService.createProcessInstanceByKey(ComplaintProcess.KEY)
          .businessKey(request.complaintNo())
          .setVariables(Variables.createVariables().putValue(Vars.PRIORITY, order.memberTier().isVip() ? 80 : 50))
          .executeWithVariablesInReturn());
    });
  }

  public ComplaintView view(String complaintNo) {
    return view(complaintNo, () -> runningInstanceOf(complaintNo));
  }

  /**
   * The view with the complaint's running process instance from {@code processInstance}: looked up by business key,
   * or the one an open just started (no second look-up in the open's answer).
   */
  private ComplaintView view(String complaintNo, Supplier<Optional<String>> processInstance) {
    Row row = find(complaintNo).orElseThrow(() -> ApiException.notFound("complaint " + complaintNo));
    List<Task> tasks = "CLOSED".equals(row.status()) ? List.of() : processInstance.get()
        .map(pi -> taskService.createTaskQuery().processInstanceId(pi).active().list()).orElse(List.of());
    return ComplaintView.of(row, people.nameOf(row.agent()), tasks, repository.timeline(complaintNo),
        notices.noticesOf(complaintNo));
  }

  Optional<Row> find(String complaintNo) {
    return repository.find(complaintNo);
  }

  List<Row> all() {
    return repository.all();
  }

  /** The customer answered while PeakCare waited (the integrator records it): the clock runs again. */
  ComplaintView customerAnswered(String complaintNo, String answer, String user) {
    Task wait = openTask(complaintNo, Elements.TASK_WAIT_FOR_CUSTOMER, "投诉不在等待客户回复 · The complaint is not "
        + "waiting for the customer");
    transaction.executeWithoutResult(s -> {
      repository.event(complaintNo, user, "CUSTOMER_ANSWERED", null, null, null, answer);
      gate.asPeakCare(() -> {
        taskService.complete(wait.getId());
        return null;
      });
    });
    return view(complaintNo);
  }

  /** The customer confirmed the resolution (the integrator records their reply): the complaint closes. */
  ComplaintView customerConfirmed(String complaintNo, String reply, String user) {
    openTask(complaintNo, Elements.TASK_FOLLOW_UP, "投诉还没有解决方案，无法确认 · The complaint has no resolution to confirm");
    transaction.executeWithoutResult(s -> {
      repository.event(complaintNo, user, "CUSTOMER_CONFIRMED", null, null, null, reply);
      gate.asPeakCare(() -> runtimeService.createMessageCorrelation(Messages.CUSTOMER_CONFIRMED)
          .processInstanceBusinessKey(complaintNo).correlateWithResult());
    });
    return view(complaintNo);
  }

  /** The customer came back after the close: the complaint re-opens (twice: one level up at once). */
  ComplaintView customerCameBack(String complaintNo, String words, String user) {
    boolean waiting = runtimeService.createEventSubscriptionQuery().eventType("message")
        .eventName(Messages.CUSTOMER_CAME_BACK).processInstanceId(processOf(complaintNo)).count() == 1;
    if (!waiting) {
      throw ApiException.conflict("投诉没有结案，不能重开 · The complaint is not closed: nothing to re-open");
    }
    transaction.executeWithoutResult(s -> {
      repository.event(complaintNo, user, "CUSTOMER_CAME_BACK", null, null, null, words);
      gate.asPeakCare(() -> runtimeService.createMessageCorrelation(Messages.CUSTOMER_CAME_BACK)
          .processInstanceBusinessKey(complaintNo).correlateWithResult());
    });
    return view(complaintNo);
  }

  private Task openTask(String complaintNo, String taskKey, String notThere) {
    find(complaintNo).orElseThrow(() -> ApiException.notFound("complaint " + complaintNo));
    Task task = runningInstanceOf(complaintNo).map(pi -> taskService.createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(taskKey).singleResult()).orElse(null);
    if (task == null) {
      throw ApiException.conflict(notThere);
    }
    return task;
  }

  private String processOf(String complaintNo) {
    find(complaintNo).orElseThrow(() -> ApiException.notFound("complaint " + complaintNo));
    return runningInstanceOf(complaintNo).orElse("-");
  }

  /**
   * The complaint's running process instance: the instances of its business key (an index), the complaint's among
   * them by their definition (the deployment cache), then its tasks by instance. A query by business key and
   * definition key together let PostgreSQL (a generic plan) walk every task or execution of the definition and keep
   * the one of the key: at 20,000 open complaints 20–280 ms a view (issue 24's benchmark), and every open shows one.
   */
  private Optional<String> runningInstanceOf(String complaintNo) {
    // as PeakCare: which instance is the complaint's is not the caller's to see; the tasks are still queried as the
    // caller, as before
    return gate.asPeakCare(() -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(complaintNo)
        .list().stream().filter(pi -> ComplaintProcess.KEY.equals(repositoryService.getProcessDefinition(
            pi.getProcessDefinitionId()).getKey()))
        .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId).findFirst());
  }
}
