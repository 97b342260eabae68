package com.peakcare.reminder;

import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.reminder.ReminderRepository.Cell;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The honest report of a reminder campaign (催付效果), from PeakCare's records: per group (reminded, hold-out) and
 * per stratum (member tier, item role, the plan's first channel, the plan's number of steps) the eligible orders and
 * their paid rate with a Wilson 95 % interval; the incremental paid rate (reminded minus hold-out) with Newcombe's 95 %
 * interval (method 10) and a p-value; incremental GMV per eligible order; cost per incremental paid order; beside it,
 * labelled, the naive "paid after a reminder" rate other tools report; the sample-ratio check; and a verdict in words,
 * "not final" while the campaign runs. Groups are compared as assigned (intention to treat): a reminded order the cap
 * or quiet hours kept silent still counts as reminded.
 */
@Service
class ReminderReport {

  static final String STILL_COLLECTING = "STILL_COLLECTING";
  static final String NO_DIFFERENCE = "NO_DIFFERENCE";
  static final String HELPS = "REMINDERS_HELP";
  static final String HURTS = "REMINDERS_HURT";

  private final ReminderRepository repository;
  private final ReminderCampaigns campaigns;
  private final ReminderSettings settings;

  ReminderReport(ReminderRepository repository, ReminderCampaigns campaigns, ReminderSettings settings) {
    this.repository = repository;
    this.campaigns = campaigns;
    this.settings = settings;
  }

  @Schema(name = "ReminderInterval", description = "A 95 % interval")
  record Interval(double lower, double upper) {
    static Interval of(ReminderStats.Interval i) {
      return i == null ? null : new Interval(round(i.lower()), round(i.upper()));
    }
  }

  @Schema(name = "ReminderGroupFigures", description = "One group's eligible orders in a stratum")
  record Group(long orders, long paid, Double paidRate, Interval paidRateInterval, BigDecimal gmv, long stillOpen) {}

  @Schema(name = "ReminderComparison", description = "Reminded against hold-out in one stratum")
  record Comparison(String dimension, String stratum, Group reminded, Group holdout, Double incrementalPaidRate,
      Interval incrementalInterval, Double pValue, String test, BigDecimal incrementalGmvPerOrder, String verdict,
      String verdictText) {}

  @Schema(name = "ReminderNaiveRate", description = "What other tools call 'recovered': orders paid after a reminder "
      + "among those reminded. It counts buyers who would have paid anyway; it is not what reminders add.")
  record Naive(String label, long reminded, long paidAfterReminder, Double rate) {}

  @Schema(name = "ReminderSampleRatio", description = "The observed split against the planned hold-out share")
  record SampleRatio(double plannedHoldoutShare, Double observedHoldoutShare, long holdout, long reminded,
      double pValue, boolean ok, String text) {}

  @Schema(name = "ReminderCosts", description = "What the reminders cost (settings peakcare.reminders.cost.*)")
  record Costs(BigDecimal smsCost, BigDecimal callCost, long smsSent, long callsMade, BigDecimal total,
      Double incrementalPaidOrders, BigDecimal costPerIncrementalPaidOrder) {}

  @Schema(name = "ReminderReport")
  record Report(String campaignId, String name, String status, boolean isFinal, String finalText, Instant generatedAt,
      Instant startedAt, Instant endedAt, double holdoutShare, Map<String, BigDecimal> tierShares,
      int minimumPerGroup, Comparison overall, List<Comparison> strata, Naive naive, SampleRatio sampleRatio,
      Costs costs, Map<String, Long> skipped, String verdict, String verdictText,
      @Schema(description = "Steps given up after peakcare.reminders.retry.max-attempts failed attempts (never sent)")
          long failedSteps) {}

  @Transactional(readOnly = true)
  Report of(String campaignId) {
    Campaign c = campaigns.find(campaignId);
    Instant now = Instant.now();
    List<Cell> cells = repository.cells(campaignId, now);
    boolean running = ReminderRepository.RUNNING.equals(c.status());
    long open = cells.stream().mapToLong(Cell::open).sum();
    boolean isFinal = !running && open == 0;
    Comparison overall = compare("overall", "全部 · all", cells, running);
    List<Comparison> strata = new ArrayList<>();
    strata.addAll(by("tier", cells, Cell::tier, running));
    strata.addAll(by("itemRole", cells, Cell::itemRole, running));
    strata.addAll(by("channel", cells, Cell::planChannel, running));
    strata.addAll(by("steps", cells, cell -> String.valueOf(cell.planSteps()), running));

    long reminded = sum(cells, Holdout.REMINDED, Cell::reminded);
    long paidAfter = sum(cells, Holdout.REMINDED, Cell::paidAfterReminder);
    Naive naive = new Naive("天真口径：催付后付款率（其他工具称“挽回”，含本来就会付款的买家，不是催付带来的增量） · naive: paid after a "
        + "reminder (what other tools call 'recovered'; it includes buyers who would have paid anyway, not what "
        + "reminders add)", reminded, paidAfter, reminded == 0 ? null : round((double) paidAfter / reminded));

    SampleRatio srm = sampleRatio(c, cells);
    long sms = cells.stream().mapToLong(Cell::sms).sum();
    long calls = cells.stream().mapToLong(Cell::calls).sum();
    BigDecimal total = settings.smsCost().multiply(BigDecimal.valueOf(sms))
        .add(settings.callCost().multiply(BigDecimal.valueOf(calls))).setScale(2, RoundingMode.HALF_UP);
    Double incrementalPaid = overall.incrementalPaidRate() == null ? null
        : round(overall.incrementalPaidRate() * overall.reminded().orders());
    BigDecimal perIncremental = incrementalPaid == null || incrementalPaid <= 0 ? null
        : total.divide(BigDecimal.valueOf(incrementalPaid), 2, RoundingMode.HALF_UP);
    Costs costs = new Costs(settings.smsCost(), settings.callCost(), sms, calls, total, incrementalPaid, perIncremental);

    Map<String, Long> skipped = new LinkedHashMap<>();
    repository.skipped(campaignId).forEach(r -> skipped.put((String) r[0], (Long) r[1]));

    String verdict = overall.verdict();
    String text = overall.verdictText();
    if (!srm.ok()) {
      text = text + "；但分组比例偏离计划，结果不可信 · but the split is off plan: do not trust these figures";
    }
    String finalText = isFinal ? "活动已结束，数字为最终结果 · the campaign has ended: final figures"
        : "活动进行中或仍有未关闭的订单，数字不是最终结果 · the campaign is running or orders are still open: these figures are "
            + "not final";
    return new Report(c.id(), c.name(), c.status(), isFinal, finalText, now, c.startedAt(), c.endedAt(),
        c.holdoutShare().doubleValue(), ReminderCampaigns.tierShares(c), settings.minPerGroup(), overall, strata,
        naive, srm, costs, skipped, verdict, text, repository.failedSteps(campaignId));
  }

  private List<Comparison> by(String dimension, List<Cell> cells, Function<Cell, String> key, boolean running) {
    Map<String, List<Cell>> groups = new TreeMap<>();
    cells.forEach(cell -> groups.computeIfAbsent(key.apply(cell), k -> new ArrayList<>()).add(cell));
    List<Comparison> out = new ArrayList<>();
    groups.forEach((value, part) -> out.add(compare(dimension, value, part, running)));
    return out;
  }

  private Comparison compare(String dimension, String stratum, List<Cell> cells, boolean running) {
    Group r = group(cells, Holdout.REMINDED);
    Group h = group(cells, Holdout.HOLDOUT);
    double z = ReminderStats.Z95;
    ReminderStats.Interval diff = ReminderStats.newcombe(r.paid(), r.orders(), h.paid(), h.orders(), z);
    ReminderStats.PValue p = ReminderStats.pValue(r.paid(), r.orders(), h.paid(), h.orders());
    Double uplift = r.paidRate() == null || h.paidRate() == null ? null
        : round((double) r.paid() / r.orders() - (double) h.paid() / h.orders());
    BigDecimal gmvPerOrder = r.orders() == 0 || h.orders() == 0 ? null
        : r.gmv().divide(BigDecimal.valueOf(r.orders()), 4, RoundingMode.HALF_UP)
            .subtract(h.gmv().divide(BigDecimal.valueOf(h.orders()), 4, RoundingMode.HALF_UP))
            .setScale(2, RoundingMode.HALF_UP);
    String verdict;
    String text;
    if (r.orders() < settings.minPerGroup() || h.orders() < settings.minPerGroup() || diff == null) {
      verdict = STILL_COLLECTING;
      text = "仍在收集：每组至少需要 " + settings.minPerGroup() + " 单 · still collecting: each group needs at least "
          + settings.minPerGroup() + " orders";
    } else if (diff.lower() > 0) {
      verdict = HELPS;
      text = "催付有效：多付款 " + pct(diff.lower()) + " 到 " + pct(diff.upper()) + " · reminders help: "
          + pct(diff.lower()) + " to " + pct(diff.upper()) + " more orders paid";
    } else if (diff.upper() < 0) {
      verdict = HURTS;
      text = "催付有害：少付款 " + pct(-diff.upper()) + " 到 " + pct(-diff.lower()) + " · reminders hurt";
    } else {
      verdict = NO_DIFFERENCE;
      text = "未显示差异：增量在 " + pct(diff.lower()) + " 到 " + pct(diff.upper()) + " 之间 · no difference shown: "
          + pct(diff.lower()) + " to " + pct(diff.upper());
    }
    if (running && !STILL_COLLECTING.equals(verdict)) {
      text = text + "（活动进行中，非最终结果 · not final: the campaign is running）";
    }
    return new Comparison(dimension, stratum, r, h, uplift, Interval.of(diff), p == null ? null : p.value(),
        p == null ? null : p.test(), gmvPerOrder, verdict, text);
  }

  private static Group group(List<Cell> cells, String group) {
    long n = 0;
    long paid = 0;
    long open = 0;
    BigDecimal gmv = BigDecimal.ZERO;
    for (Cell c : cells) {
      if (group.equals(c.group())) {
        n += c.orders();
        paid += c.paid();
        open += c.open();
        gmv = gmv.add(c.paidAmount());
      }
    }
    return new Group(n, paid, n == 0 ? null : round((double) paid / n),
        Interval.of(ReminderStats.wilson(paid, n, ReminderStats.Z95)), gmv.setScale(2, RoundingMode.HALF_UP), open);
  }

  private SampleRatio sampleRatio(Campaign c, List<Cell> cells) {
    Map<String, long[]> perTier = new TreeMap<>();
    for (Cell cell : cells) {
      long[] counts = perTier.computeIfAbsent(cell.tier(), t -> new long[2]);
      counts[Holdout.HOLDOUT.equals(cell.group()) ? 0 : 1] += cell.orders();
    }
    double expectedHoldout = 0;
    long holdout = 0;
    long total = 0;
    for (Map.Entry<String, long[]> e : perTier.entrySet()) {
      long n = e.getValue()[0] + e.getValue()[1];
      expectedHoldout += n * ReminderCampaigns.share(c, e.getKey()).doubleValue();
      holdout += e.getValue()[0];
      total += n;
    }
    double planned = total == 0 ? c.holdoutShare().doubleValue() : expectedHoldout / total;
    double p = total == 0 || planned == 0 ? 1.0 : ReminderStats.sampleRatio(
        new double[] {expectedHoldout, total - expectedHoldout}, new long[] {holdout, total - holdout});
    boolean ok = planned == 0 ? holdout == 0 : p >= settings.sampleRatioAlpha();
    String text = ok ? "分组比例符合计划 · the split matches the plan"
        : "分组比例偏离计划（p = " + String.format("%.2g", p) + "）：检查分组和数据 · the split is off plan: check the "
            + "assignment and the data";
    return new SampleRatio(round(planned), total == 0 ? null : round((double) holdout / total), holdout,
        total - holdout, p, ok, text);
  }

  private static long sum(List<Cell> cells, String group, Function<Cell, Long> f) {
    return cells.stream().filter(c -> group.equals(c.group())).mapToLong(f::apply).sum();
  }

  private static String pct(double v) {
    return String.format("%.1f %%", v * 100);
  }

  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
