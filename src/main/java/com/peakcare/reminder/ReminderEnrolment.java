package com.peakcare.reminder;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.order.ItemRole;
import com.peakcare.order.Order;
import com.peakcare.order.OrderStatus;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.reminder.ReminderRepository.OrderRow;
import com.peakcare.reminder.ReminderRepository.Step;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Orders into and out of the plan, in the transaction that registers them: an UNPAID order of a running campaign is
 * enrolled (or skipped, with why) with its buyer's stored group and its plan's steps; payment, cancellation or
 * closing stops every pending step at once and ends a phone call still waiting in Tasklist.
 */
@Service
class ReminderEnrolment {

  private static final Logger log = LoggerFactory.getLogger(ReminderEnrolment.class);

  private final ReminderRepository repository;
  private final ReminderCampaigns campaigns;
  private final ReminderPlan plan;
  private final ReminderSettings settings;
  private final RuntimeService runtime;
  private final EngineGate gate;

  ReminderEnrolment(ReminderRepository repository, ReminderCampaigns campaigns, ReminderPlan plan,
      ReminderSettings settings, RuntimeService runtime, EngineGate gate) {
    this.repository = repository;
    this.campaigns = campaigns;
    this.plan = plan;
    this.settings = settings;
    this.runtime = runtime;
    this.gate = gate;
  }

  /** A newly registered order: enrolled when UNPAID and a campaign runs. */
  void enrol(Order order, Instant now) {
    if (order.status() != OrderStatus.UNPAID) {
      return;
    }
    Optional<Campaign> running = campaigns.running();
    if (running.isEmpty() || repository.hasOrder(order.orderNo())) {
      return;
    }
    Campaign campaign = running.get();
    Order.Line main = order.lines().stream()
        .max(Comparator.comparing(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))).orElseThrow();
    String role = (main.itemRole() == null ? ItemRole.PROFIT : main.itemRole()).name();
    String tier = order.memberTier().name();
    BigDecimal amount = order.linesTotal();
    Instant closeAt = order.autoCloseAt() != null ? order.autoCloseAt()
        : order.orderedAt().plus(settings.defaultCloseAfter());
    String skip = null;
    Optional<String> flag = repository.flag(order.buyerId());
    List<ReminderPlan.PlannedStep> steps = List.of();
    if (amount.compareTo(settings.minOrderAmount()) < 0) {
      skip = ReminderStates.SMALL;
    } else if (flag.isPresent()) {
      skip = flag.get();
    } else if (!closeAt.isAfter(now)) {
      skip = ReminderStates.CLOSED_ALREADY;
    } else {
      steps = plan.steps(tier, role, main.category(), amount).stream()
          .filter(s -> s.due(order.orderedAt(), closeAt).isBefore(closeAt)).toList();
      if (steps.isEmpty()) {
        skip = ReminderStates.NO_STEPS;
      }
    }
    if (skip != null) {
      repository.insertOrder(new OrderRow(order.orderNo(), campaign.id(), order.buyerId(), null, tier, role,
          main.category(), amount, Channels.NONE, 0, order.orderedAt(), closeAt, ReminderStates.SKIPPED, skip, null,
          null, null, 0, 0, 0));
      log.info("order {} not reminded: {}", order.orderNo(), skip);
      return;
    }
    String group = assign(campaign, order.buyerId(), tier, now);
    repository.insertOrder(new OrderRow(order.orderNo(), campaign.id(), order.buyerId(), group, tier, role,
        main.category(), amount, steps.get(0).channel(), steps.size(), order.orderedAt(), closeAt,
        ReminderStates.ACTIVE, null, null, null, null, 0, 0, 0));
    boolean held = Holdout.HOLDOUT.equals(group);
    List<Step> rows = new ArrayList<>();
    for (ReminderPlan.PlannedStep s : steps) {
      Instant due = s.due(order.orderedAt(), closeAt);
      rows.add(new Step(order.orderNo(), s.step(), s.channel(), s.template(), due.isBefore(now) ? now : due,
          held ? ReminderStates.WITHHELD : ReminderStates.PENDING, held ? "对照组 · hold-out" : null, null, null, null,
          null));
    }
    repository.insertSteps(rows);
  }

  /** The buyer's stored group in the campaign; stored now from the hash when the buyer is new to it. */
  String assign(Campaign campaign, String buyerId, String tier, Instant now) {
    Optional<String> stored = repository.group(campaign.id(), buyerId);
    if (stored.isPresent()) {
      return stored.get();
    }
    int bucket = Holdout.bucket(campaign.salt(), buyerId);
    String group = Holdout.group(bucket, ReminderCampaigns.share(campaign, tier));
    repository.assignIfAbsent(campaign.id(), buyerId, group, bucket, tier, now);
    return repository.group(campaign.id(), buyerId).orElse(group);
  }

  /** The order left UNPAID (paid, cancelled, closed): every pending step stops now. */
  void stop(Order order, Instant now) {
    Optional<OrderRow> row = repository.order(order.orderNo());
    if (row.isEmpty()) {
      return;
    }
    String state = switch (order.status()) {
      case PAID -> ReminderStates.PAID;
      case CANCELLED -> ReminderStates.CANCELLED;
      case CLOSED -> order.wasPaid() ? ReminderStates.PAID : ReminderStates.CLOSED;
      case UNPAID -> null;
    };
    if (state == null) {
      return;
    }
    boolean paid = ReminderStates.PAID.equals(state);
    if (!repository.stopOrder(order.orderNo(), state, paid ? order.paidAt() : null,
        paid ? order.paidAmount() : null)) {
      return;
    }
    int cancelled = repository.cancelPending(order.orderNo(), "订单" + state + " · order " + state, now);
    if (Channels.PHONE.equals(row.get().planChannel()) || row.get().callsMade() > 0) {
      gate.asPeakCare(() -> runtime.createMessageCorrelation(PaymentReminderCallProcess.MESSAGE_STOPPED)
          .processInstanceBusinessKey(order.orderNo()).correlateAllWithResult());
    }
    log.info("order {} {}: {} pending reminder step(s) stopped", order.orderNo(), state, cancelled);
  }
}
