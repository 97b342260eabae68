package com.peakcare.returns;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.order.LineClaim;
import com.peakcare.order.Order;
import com.peakcare.order.Orders;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import com.peakcare.web.Fingerprints;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a case on its registered order (issue 20), the same for every door: the order must exist, be the opener's to
 * name (an integrator names only the orders it registered) and have been paid; the lines must be the order's, within
 * what was bought; the assignee an eligible agent, never the opener. Customer, tier, prices and the refund's
 * destination come from the order. Then, in one transaction: the case record, its claim on the order's refund ceiling
 * (units and money, decided by the database: two cases racing for the last ¥100 get it once), the timeline, the
 * process. A claim the ceiling refuses rolls all of it back.
 */
@Service
class ReturnOpening {

  private final ReturnCaseRepository repository;
  private final Orders orders;
  private final StaffDirectory staff;
  private final FourEyes fourEyes;
  private final ReturnSettings settings;
  private final EngineGate gate;
  private final RuntimeService runtimeService;
  private final TransactionTemplate transaction;

  ReturnOpening(ReturnCaseRepository repository, Orders orders, StaffDirectory staff, FourEyes fourEyes,
      ReturnSettings settings, EngineGate gate, RuntimeService runtimeService,
      PlatformTransactionManager transactionManager) {
    this.repository = repository;
    this.orders = orders;
    this.staff = staff;
    this.fourEyes = fourEyes;
    this.settings = settings;
    this.gate = gate;
    this.runtimeService = runtimeService;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** A request checked against its order: what the case returns, and what it claims. */
  record Checked(ReturnRequest request, Order order, CaseFacts facts, BigDecimal amount) {}

  /**
   * The request against its order, or the problems naming each field (400); an order never paid is a 409 naming
   * {@code orderNo}: it refunds nothing and returns nothing.
   */
  Checked check(ReturnRequest request, String user) {
    List<FieldProblem> problems = new ArrayList<>(request.crossFieldProblems());
    if (request.assignee() != null && !request.assignee().isBlank()
        && !fourEyes.isEligibleAgent(request.assignee(), user)) {
      problems.add(new FieldProblem(Vars.ASSIGNEE, FourEyes.NOT_ELIGIBLE));
    }
    Optional<Order> found = orders.find(request.orderNo()).filter(o -> mayName(user, o));
    if (found.isEmpty()) {
      problems.add(new FieldProblem(Vars.ORDER_NO, "没有这个已登记的订单：请先由店铺系统登记（PUT /api/orders/{orderNo}） · no "
          + "such registered order: the shop's system registers it first (PUT /api/orders/{orderNo})"));
      throw invalid(problems);
    }
    Order order = found.get();
    List<CaseFacts.Item> items = new ArrayList<>();
    for (int i = 0; request.lines() != null && i < request.lines().size(); i++) {
      ReturnRequest.Line wanted = request.lines().get(i);
      if (wanted == null || wanted.sku() == null || wanted.quantity() == null) {
        continue;
      }
      Optional<Order.Line> line = order.line(wanted.sku());
      if (line.isEmpty()) {
        problems.add(new FieldProblem("lines[" + i + "].sku", "订单没有这个 SKU · the order has no line with this SKU; "
            + "its lines: " + order.lines().stream().map(Order.Line::sku).collect(Collectors.joining(", "))));
      } else if (wanted.quantity() > line.get().quantity()) {
        problems.add(new FieldProblem("lines[" + i + "].quantity", "最多 " + line.get().quantity() + " 件（订单购买数量） · at "
            + "most " + line.get().quantity() + ", the units bought"));
      } else {
        Order.Line l = line.get();
        items.add(new CaseFacts.Item(l.sku(), l.name(), l.category(), l.productType().name(), wanted.quantity(),
            l.unitPrice()));
      }
    }
    CaseFacts facts = new CaseFacts(order.buyerId(),
        order.paymentMethod() == null ? null : order.paymentMethod().name(), List.copyOf(items));
    BigDecimal amount = request.type() == ReturnCaseProcess.CaseType.PRICE_DIFFERENCE && request.amount() != null
        ? request.amount().setScale(2, java.math.RoundingMode.UNNECESSARY) : facts.itemsTotal().setScale(2);
    if (request.type() == ReturnCaseProcess.CaseType.PRICE_DIFFERENCE && request.amount() != null
        && items.size() == request.lines().size() && amount.compareTo(facts.itemsTotal()) > 0) {
      problems.add(new FieldProblem(Vars.AMOUNT, "申请金额不能超过所选商品的实付价 " + facts.itemsTotal().toPlainString()
          + " 元 · may not exceed what the lines cost: " + facts.itemsTotal().toPlainString()));
    }
    if (request.deliveredAt() != null && request.deliveredAt().isBefore(order.orderedAt())) {
      problems.add(new FieldProblem(Vars.DELIVERED_AT, "签收时间不能早于下单时间 · may not be before the order was placed"));
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    if (!order.wasPaid()) {
      throw new ApiException(HttpStatus.CONFLICT, "Conflict", "订单 " + order.orderNo() + " 未付款 · order "
          + order.orderNo() + " was never paid", List.of(new FieldProblem(Vars.ORDER_NO, "订单未付款：没有可退的钱或货 · "
          + "the order was never paid: nothing to refund or return")));
    }
    return new Checked(request, order, facts, amount);
  }

  /** An integrator names only the orders it registered; after-sales staff name any. */
  private boolean mayName(String user, Order order) {
    return order.registeredBy().equals(user) || staff.isMember(user, Groups.AFTER_SALES);
  }

  /**
   * The case record, its claim on the order's ceiling and its process, in one transaction: they exist together or not
   * at all. Money cases claim the refund's amount; refunds of goods (refund only, return and refund) also claim the
   * lines' units; an exchange or a repair claims nothing and may not name units already refunded.
   */
  ProcessInstanceWithVariables register(Checked c, String hash, String user) {
    return register(c, hash, user, started -> started);
  }

  /**
   * {@link #register(Checked, String, String)}, then {@code then} with the started process in the same transaction
   * (the API's answer: the case as this transaction wrote it, issue 23).
   */
  <T> T register(Checked c, String hash, String user,
      Function<ProcessInstanceWithVariables, T> then) {
    ReturnRequest request = c.request();
    ReturnCaseProcess.CaseType type = request.type();
    if (!type.moneyInvolved()) {
      for (int i = 0; i < c.facts().items().size(); i++) {
        CaseFacts.Item item = c.facts().items().get(i);
        int left = c.order().line(item.sku()).map(Order.Line::returnable).orElse(0);
        if (item.quantity() > left) {
          throw new ApiException(HttpStatus.CONFLICT, "Conflict", "units already refunded", List.of(new FieldProblem(
              "lines[" + i + "].quantity", "最多 " + left + " 件：其余已退款或正在退款 · at most " + left + ": the others are "
              + "refunded or being refunded")));
        }
      }
    }
    boolean staffOpened = !staff.isMember(user, Groups.INTEGRATORS);
    return transaction.execute(status -> {
      Instant now = ReturnCaseRepository.now();
      boolean money = type.moneyInvolved();
      // the order the request was checked against, for the notices and task cards of this transaction
      LoadedCases.keepOrder(c.order());
      repository.insert(new CaseRow(request.returnNo(), request.orderNo(), type.name(), request.reason().name(),
          c.amount(), c.order().buyerId(), c.order().memberTier().name(), c.order().province(), hash,
          RequestFingerprint.json(request), Fingerprints.json(c.facts()), null, Status.OPEN, null, null, user, now,
          now, new ReturnCaseRepository.Refund(money ? c.amount() : null, money ? settings.refundTo() : null, null,
              null, null, null, null), ReturnCaseRepository.Progress.NONE,
          new ReturnCaseRepository.Deciders(staffOpened, null, null, null, null, null, null)));
      if (money) {
        List<LineClaim> units = type == ReturnCaseProcess.CaseType.PRICE_DIFFERENCE ? List.of()
            : c.facts().items().stream().map(i -> new LineClaim(i.sku(), i.quantity())).toList();
        orders.reserveRefund(request.orderNo(), request.returnNo(), units, c.amount(), user);
      }
      repository.event(request.returnNo(), user, "OPENED", type + " / " + request.reason() + " / "
          + c.amount().toPlainString() + " / " + c.facts().items().stream().map(i -> i.quantity() + "×" + i.sku())
              .collect(Collectors.joining(", ")) + " / order " + request.orderNo());
      return then.apply(gate.asPeakCare(() -> runtimeService.createProcessInstanceByKey(ReturnCaseProcess.KEY)
          .businessKey(request.returnNo())
          .setVariables(variables(type, c.order().memberTier()))
          .executeWithVariablesInReturn()));
    });
  }

  /**
   * The process variables of a new case: what its gateways and task priorities route on, nothing else (the record
   * holds the request; see {@link ReturnCaseProcess#PROCESS_VARIABLES}).
   */
  static VariableMap variables(ReturnCaseProcess.CaseType type, com.peakcare.order.MemberTier tier) {
    return Variables.createVariables()
        .putValue(Vars.TYPE, type.name())
        .putValue(Vars.MONEY_INVOLVED, type.moneyInvolved())
        .putValue(Vars.PARCEL_NEEDED, type.parcelNeeded())
        .putValue(Vars.MEMBER_TIER, tier.name())
        .putValue(Vars.PRIORITY, tier.isVip() ? 80 : 50);
  }

  private static ApiException invalid(List<FieldProblem> problems) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: "
        + problems.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")), problems);
  }
}
