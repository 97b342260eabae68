package com.peakcare.order;

import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import com.peakcare.web.Fingerprints;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's orders (订单), the front door other features use: registration by the shop's system, the order as
 * registered, and the order's refund ceiling (an order never pays back more than it took: per line the units bought,
 * per order the amount paid), which cases claim when they open and give back or settle when they end.
 */
@Service
public class Orders {

  private static final Logger log = LoggerFactory.getLogger(Orders.class);

  /** One order of a registration: its number and snapshot. */
  public record Registration(String orderNo, OrderSnapshot snapshot) {}

  public enum Outcome { CREATED, UPDATED, UNCHANGED }

  /** What a registration did with one order, and the order now. */
  public record Registered(Outcome outcome, Order order) {}

  private final OrderRepository repository;
  private final RefundCeiling ceiling;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<ProductCategories> categories;

  Orders(OrderRepository repository, RefundCeiling ceiling, ApplicationEventPublisher events,
      ObjectProvider<ProductCategories> categories) {
    this.repository = repository;
    this.ceiling = ceiling;
    this.events = events;
    this.categories = categories;
  }

  /**
   * Registers orders as the shop's system sees them now, all or none, in one transaction (the single PUT registers a
   * list of one; a batch endpoint can pass more). A new order is created; an identical snapshot changes nothing; a
   * changed one replaces the order within these rules, each broken one a 409 naming the field:
   * <ul>
   *   <li>only the account that registered an order updates it;</li>
   *   <li>the buyer and the time ordered never change;</li>
   *   <li>UNPAID may become anything, PAID may become CANCELLED or CLOSED, CANCELLED and CLOSED stay; an order that was
   *       paid stays paid (its paid time is kept);</li>
   *   <li>the paid amount never falls below what is refunded and in flight; a line never falls below its units
   *       returned and in flight, never leaves while it has any, and keeps its unit price while it has any.</li>
   * </ul>
   * Every registration that changes an order publishes {@link OrderRegistered} in this transaction.
   */
  @Transactional
  public List<Registered> register(List<Registration> orders, String integrator) {
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      problems.addAll(problems(orders.size() == 1 ? "" : "orders[" + i + "].", orders.get(i).snapshot()));
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: "
          + problems.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")), problems);
    }
    List<Registered> done = new ArrayList<>();
    for (Registration r : orders) {
      done.add(registerOne(r.orderNo(), r.snapshot(), integrator));
    }
    return done;
  }

  private Registered registerOne(String orderNo, OrderSnapshot snapshot, String integrator) {
    String hash = Fingerprints.sha256(Fingerprints.json(canonical(snapshot)));
    Instant now = Instant.now();
    Optional<OrderRepository.Row> existing = repository.find(orderNo);
    if (existing.isEmpty()) {
      repository.insert(orderNo, integrator, snapshot, hash, now);
      Order created = find(orderNo).orElseThrow();
      events.publishEvent(new OrderRegistered(null, created));
      log.info("order {} registered by {} ({})", orderNo, integrator, snapshot.status());
      return new Registered(Outcome.CREATED, created);
    }
    OrderRepository.Row before = existing.get();
    if (!before.registeredBy().equals(integrator)) {
      throw ApiException.conflict("order " + orderNo + " exists already: another account registered it");
    }
    Order previous = assemble(before);
    if (before.snapshotHash().equals(hash)) {
      return new Registered(Outcome.UNCHANGED, previous);
    }
    refuseChanges(previous, snapshot);
    if (!repository.update(orderNo, before.snapshotHash(), snapshot, hash, now)) {
      OrderRepository.Row again = repository.find(orderNo).orElseThrow();
      if (!again.snapshotHash().equals(before.snapshotHash())) {
        throw ApiException.conflict("order " + orderNo + " changed while this snapshot was registered: send it again");
      }
      throw conflict("paidAmount", "实付金额不能低于已退和处理中的金额 ¥" + again.refunded().add(again.reserved())
          .toPlainString() + " · may not fall below what is refunded and in flight: ¥"
          + again.refunded().add(again.reserved()).toPlainString());
    }
    updateLines(previous, snapshot);
    Order current = find(orderNo).orElseThrow();
    events.publishEvent(new OrderRegistered(previous, current));
    log.info("order {} updated by {} ({} → {})", orderNo, integrator, previous.status(), current.status());
    return new Registered(Outcome.UPDATED, current);
  }

  private static void refuseChanges(Order previous, OrderSnapshot next) {
    if (!previous.buyerId().equals(next.buyerId())) {
      throw conflict("buyerId", "订单的买家不能更改 · an order's buyer never changes");
    }
    if (!previous.orderedAt().truncatedTo(ChronoUnit.MILLIS).equals(next.orderedAt().truncatedTo(ChronoUnit.MILLIS))) {
      throw conflict("orderedAt", "下单时间不能更改 · the time an order was placed never changes");
    }
    if (!previous.status().mayBecome(next.status())) {
      throw conflict("status", "订单状态不能从 " + previous.status() + " 变为 " + next.status() + " · an order cannot go from "
          + previous.status() + " to " + next.status());
    }
    if (previous.wasPaid() && next.paidAt() == null) {
      throw conflict("paidAt", "已付款订单的付款时间不能删除 · an order that was paid stays paid");
    }
  }

  private void updateLines(Order previous, OrderSnapshot next) {
    Set<String> kept = new HashSet<>();
    for (int i = 0; i < next.lines().size(); i++) {
      OrderSnapshot.Line line = next.lines().get(i);
      kept.add(line.sku());
      Optional<Order.Line> before = previous.line(line.sku());
      if (before.isEmpty()) {
        repository.insertLine(previous.orderNo(), i, line);
      } else if (!repository.updateLine(previous.orderNo(), i, line)) {
        Order.Line b = before.get();
        int used = b.returned() + b.reserved();
        throw line.quantity() < used
            ? conflict("lines[" + i + "].quantity", "数量不能低于已退和处理中的 " + used + " 件 · may not fall below the "
                + used + " units returned and in flight")
            : conflict("lines[" + i + "].unitPrice", "已有退货的订单行不能改单价 · a line with units returned or in flight "
                + "keeps its unit price");
      }
    }
    for (Order.Line line : previous.lines()) {
      if (!kept.contains(line.sku()) && !repository.deleteLine(previous.orderNo(), line.sku())) {
        throw conflict("lines", "订单行 " + line.sku() + " 已有退货，不能删除 · line " + line.sku() + " has units returned "
            + "or in flight: it stays on the order");
      }
    }
  }

  /** The rules of one snapshot beyond each field's own: paid fields by status, unique lines, the shop's categories. */
  List<FieldProblem> problems(String prefix, OrderSnapshot s) {
    List<FieldProblem> problems = new ArrayList<>();
    if (s.status() != null && s.status() == OrderStatus.PAID) {
      if (s.paidAt() == null) {
        problems.add(new FieldProblem(prefix + "paidAt", "已付款订单须有付款时间 · required when the order is PAID"));
      }
      if (s.paidAmount() == null) {
        problems.add(new FieldProblem(prefix + "paidAmount", "已付款订单须有实付金额 · required when the order is PAID"));
      }
    }
    if (s.status() == OrderStatus.UNPAID && (s.paidAt() != null
        || s.paidAmount() != null && s.paidAmount().signum() != 0)) {
      problems.add(new FieldProblem(prefix + (s.paidAt() != null ? "paidAt" : "paidAmount"),
          "待付款订单没有付款 · an UNPAID order has no payment"));
    }
    if (s.paidAt() != null && s.paymentMethod() == null) {
      problems.add(new FieldProblem(prefix + "paymentMethod", "已付款订单须有支付方式：退款原路退回 · required when the "
          + "order was paid: refunds go back the way it was paid"));
    }
    if (s.paidAt() == null && s.paidAmount() != null && s.paidAmount().signum() != 0) {
      problems.add(new FieldProblem(prefix + "paidAt", "有实付金额就须有付款时间 · required when there is a paid amount"));
    }
    if (s.paidAt() != null && s.orderedAt() != null && s.paidAt().isBefore(s.orderedAt())) {
      problems.add(new FieldProblem(prefix + "paidAt", "付款时间不能早于下单时间 · may not be before orderedAt"));
    }
    if (s.autoCloseAt() != null && s.orderedAt() != null && !s.autoCloseAt().isAfter(s.orderedAt())) {
      problems.add(new FieldProblem(prefix + "autoCloseAt", "自动关闭时间须晚于下单时间 · must be after orderedAt"));
    }
    if (s.lines() != null) {
      Set<String> skus = new HashSet<>();
      List<String> accepted = categories.getIfAvailable(() -> List::of).codes();
      for (int i = 0; i < s.lines().size(); i++) {
        OrderSnapshot.Line line = s.lines().get(i);
        if (line == null) {
          continue;
        }
        if (line.sku() != null && !skus.add(line.sku())) {
          problems.add(new FieldProblem(prefix + "lines[" + i + "].sku", "同一 SKU 只能出现一行 · each SKU once"));
        }
        if (line.category() != null && !accepted.isEmpty() && !accepted.contains(line.category())) {
          problems.add(new FieldProblem(prefix + "lines[" + i + "].category", "商品类目须为店铺定义的类目之一 · one of "
              + "the shop's categories " + accepted));
        }
      }
    }
    return problems;
  }

  /** The order as registered now, with what its refunds use of it. */
  @Transactional(readOnly = true)
  public Optional<Order> find(String orderNo) {
    return repository.find(orderNo).map(this::assemble);
  }

  private Order assemble(OrderRepository.Row r) {
    BigDecimal refundable = r.paidAmount().subtract(r.refunded()).subtract(r.reserved());
    return new Order(r.orderNo(), r.registeredBy(), r.buyerId(), r.memberTier(), r.status(), r.orderedAt(),
        r.paidAt(), r.paidAmount(), r.paymentMethod(), r.contact(), r.province(), repository.lines(r.orderNo()),
        r.refunded(), r.reserved(), refundable, r.registeredAt(), r.updatedAt(), r.autoCloseAt());
  }

  // ---- the refund ceiling --------------------------------------------------------------------------------------

  /**
   * A case claims units of the order's lines and money of the order, in the caller's transaction. Refused (409
   * {@link CeilingRefused}, recorded) when a line has fewer units left, or the order less money, than claimed.
   */
  public void reserveRefund(String orderNo, String returnNo, List<LineClaim> lines, BigDecimal amount, String actor) {
    ceiling.reserve(orderNo, returnNo, lines, amount, actor);
  }

  /** The case's claim gets another amount (its refund changed): more only within the ceiling. */
  public void adjust(String returnNo, BigDecimal amount, String actor) {
    ceiling.adjust(returnNo, amount, actor);
  }

  /** The case's refund was paid: its claim counts as refunded. */
  public void settle(String returnNo, BigDecimal paid) {
    ceiling.settle(returnNo, paid);
  }

  /** The case ended without a refund: its claim goes back to the order. */
  public void release(String returnNo) {
    ceiling.release(returnNo);
  }

  /** The money the case has in flight under its order's ceiling (empty: nothing, or settled or released). */
  public Optional<BigDecimal> reserved(String returnNo) {
    return ceiling.inFlightAmount(returnNo);
  }

  /** The snapshot as fingerprinted: money at two decimals, times to the millisecond, so a re-send is identical. */
  private static OrderSnapshot canonical(OrderSnapshot s) {
    Function<BigDecimal, BigDecimal> money = m -> m == null ? null : m.setScale(2, java.math.RoundingMode.HALF_UP);
    Function<Instant, Instant> time = t -> t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    return new OrderSnapshot(s.buyerId(), s.memberTier(), s.status(), time.apply(s.orderedAt()),
        time.apply(s.paidAt()), money.apply(s.paidAmount()), s.paymentMethod(), s.contact(), s.province(),
        s.lines().stream().map(l -> new OrderSnapshot.Line(l.sku(), l.name(), l.category(), l.productType(),
            l.quantity(), money.apply(l.unitPrice()), l.itemRole())).toList(), time.apply(s.autoCloseAt()));
  }

  private static ApiException conflict(String field, String message) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", "订单快照与已登记的订单冲突 · the snapshot conflicts with the "
        + "registered order: " + field, List.of(new FieldProblem(field, message)));
  }

}
