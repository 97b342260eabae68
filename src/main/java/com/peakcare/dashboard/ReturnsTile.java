package com.peakcare.dashboard;

import com.peakcare.engine.EngineFigures;
import com.peakcare.returns.ReturnCaseProcess;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Outcome;
import com.peakcare.returns.ReturnFigures;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Returns now (issue 25, point 1): open cases by status, by type and by agent with each agent's load, reviews and
 * inspections past their SLA (their task's due date), and the cases opened per hour over the sale with the policy's
 * decision.
 */
@Component
class ReturnsTile extends DashboardTile {

  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardCount")
  record Count(String key, long count) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardAgentRow")
  record AgentRow(String agent, long load, Map<String, Long> byStatus) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardOverdue")
  record Overdue(long reviews, long inspections) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardHourRow")
  record HourRow(String hour, Instant from, long autoApproved, long manualReview, long rejected, long undecided,
      long total) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardReturnsView")
  record ReturnsView(Instant asOf, String timeZone, Instant saleFrom, Instant saleTo, long open, List<Count> byStatus,
      List<Count> byType, List<AgentRow> byAgent, Overdue overdue, List<HourRow> openedPerHour,
      List<DashboardLinks.Link> links) {}

  private final ReturnFigures returns;
  private final EngineFigures engine;
  private final DashboardLinks links;

  ReturnsTile(DashboardAccess access, ShopTime time, ReturnFigures returns, EngineFigures engine,
      DashboardLinks links) {
    super(Tile.RETURNS, access, time);
    this.returns = returns;
    this.engine = engine;
    this.links = links;
  }

  @Override
  ReturnsView figures(ShopTime.Window w) {
    Map<String, Long> status = returns.openByStatus();
    List<Count> byStatus = new ArrayList<>();
    for (String s : ReturnFigures.OPEN) {
      byStatus.add(new Count(s, status.getOrDefault(s, 0L)));
    }
    Map<String, Long> type = returns.openByType();
    List<Count> byType = new ArrayList<>();
    for (ReturnCaseProcess.CaseType t : ReturnCaseProcess.CaseType.values()) {
      byType.add(new Count(t.name(), type.getOrDefault(t.name(), 0L)));
    }
    List<AgentRow> byAgent = returns.openByAgent().stream()
        .map(a -> new AgentRow(a.agent(), a.open(), a.byStatus()))
        .sorted((a, b) -> Long.compare(b.load(), a.load())).toList();
    Map<String, Long> overdue = engine.overdueTasks(List.of(Elements.TASK_REVIEW, Elements.TASK_INSPECT), w.now());
    return new ReturnsView(w.now(), w.zone().getId(), w.saleFrom(), w.saleTo(),
        byStatus.stream().mapToLong(Count::count).sum(), byStatus, byType, byAgent,
        new Overdue(overdue.get(Elements.TASK_REVIEW), overdue.get(Elements.TASK_INSPECT)), perHour(w),
        List.of(links.cockpit("退换货实例 · Return cases in Cockpit", ReturnCaseProcess.KEY, false),
            links.tasklist("已逾期任务 · Overdue tasks in Tasklist", EngineFigures.OVERDUE_FILTER)));
  }

  /** Every hour of the sale up to now, with the cases opened in it by decision. */
  private List<HourRow> perHour(ShopTime.Window w) {
    Instant to = w.now().isBefore(w.saleTo()) ? w.now() : w.saleTo();
    Map<Long, long[]> hours = new LinkedHashMap<>();
    for (long h = Math.floorDiv(w.saleFrom().getEpochSecond(), 3600); h * 3600 < to.getEpochSecond(); h++) {
      hours.put(h, new long[4]);
    }
    for (ReturnFigures.OpenedInHour o : returns.openedPerHour(w.saleFrom(), w.saleTo())) {
      long[] c = hours.computeIfAbsent(o.epochHour(), h -> new long[4]);
      c[index(o.outcome())] += o.count();
    }
    List<HourRow> rows = new ArrayList<>();
    hours.forEach((h, c) -> {
      Instant from = Instant.ofEpochSecond(h * 3600);
      rows.add(new HourRow(HOUR.format(LocalDateTime.ofInstant(from, w.zone())), from, c[0], c[1], c[2], c[3],
          c[0] + c[1] + c[2] + c[3]));
    });
    return rows;
  }

  private static int index(String outcome) {
    if (Outcome.AUTO_APPROVE.name().equals(outcome)) {
      return 0;
    }
    if (Outcome.MANUAL_REVIEW.name().equals(outcome)) {
      return 1;
    }
    return Outcome.REJECT.name().equals(outcome) ? 2 : 3;
  }

  @Override
  List<List<Object>> rows(Object figures) {
    ReturnsView v = (ReturnsView) figures;
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("分组 · Group", "键 · Key", "数量 · Count"));
    v.byStatus().forEach(c -> rows.add(List.of("状态 · Status", c.key(), c.count())));
    v.byType().forEach(c -> rows.add(List.of("类型 · Type", c.key(), c.count())));
    v.byAgent().forEach(a -> rows.add(List.of("处理人 · Agent", a.agent() == null ? "（未指派 · unassigned）"
        : a.agent(), a.load())));
    rows.add(List.of("超时 · Overdue", "审核 · Reviews", v.overdue().reviews()));
    rows.add(List.of("超时 · Overdue", "验货 · Inspections", v.overdue().inspections()));
    rows.add(List.of());
    rows.add(List.of("小时 · Hour", "自动同意 · Auto-approved", "人工审核 · Review", "拒绝 · Rejected",
        "未决定 · Undecided", "合计 · Total"));
    v.openedPerHour().forEach(h -> rows.add(List.of(h.hour(), h.autoApproved(), h.manualReview(), h.rejected(),
        h.undecided(), h.total())));
    return rows;
  }
}
