package com.peakcare.dashboard;

import com.peakcare.briefing.BriefingFigures;
import com.peakcare.briefing.CampaignBriefingProcess;
import com.peakcare.campaign.CampaignCheckProcess;
import com.peakcare.campaign.CampaignFigures;
import com.peakcare.campaign.Stage;
import com.peakcare.engine.EngineFigures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Campaigns (issue 25, point 5): campaigns by stage; each campaign not closed (or going live in the last
 * {@value #RECENT_DAYS} days) with its go-live, its checks past their due date, its briefing's readiness (ready / not
 * yet / failed twice) and the errors customers reported after launch with the fines they cost.
 */
@Component
class CampaignsTile extends DashboardTile {

  static final int RECENT_DAYS = 7;

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardStageCount")
  record StageCount(String stage, String label, long count) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardCampaignRow")
  record CampaignRow(String code, String name, String stage, String stageLabel, Instant goLiveAt, Instant launchedAt,
      long overdueChecks, BriefingFigures.BriefingReadiness briefing, long customerReports, long reportsToConfirm,
      long confirmedErrors, long fines, BigDecimal finesAmount, String href) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardCampaignsView")
  record CampaignsView(Instant asOf, String timeZone, List<StageCount> byStage, long overdueChecks,
      List<CampaignRow> campaigns, List<DashboardLinks.Link> links) {}

  private final CampaignFigures campaigns;
  private final BriefingFigures briefings;
  private final EngineFigures engine;
  private final DashboardLinks links;

  CampaignsTile(DashboardAccess access, ShopTime time, CampaignFigures campaigns, BriefingFigures briefings,
      EngineFigures engine, DashboardLinks links) {
    super(Tile.CAMPAIGNS, access, time);
    this.campaigns = campaigns;
    this.briefings = briefings;
    this.engine = engine;
    this.links = links;
  }

  @Override
  CampaignsView figures(ShopTime.Window w) {
    List<StageCount> byStage = new ArrayList<>();
    campaigns.byStage().forEach((s, n) -> byStage.add(new StageCount(s, Stage.valueOf(s).label(), n)));
    List<CampaignFigures.CampaignLine> lines = campaigns.campaigns(w.now().minus(Duration.ofDays(RECENT_DAYS)));
    Map<String, Long> overdue = engine.overdueTasksByInstance(CampaignFigures.CHECK_TASKS, w.now());
    Map<String, BriefingFigures.BriefingReadiness> ready = briefings.readiness(
        lines.stream().map(CampaignFigures.CampaignLine::code).toList());
    List<CampaignRow> rows = lines.stream().map(c -> new CampaignRow(c.code(), c.name(), c.stage(), c.stageLabel(),
        c.goLiveAt(), c.launchedAt(), c.processInstanceId() == null ? 0 : overdue.getOrDefault(c.processInstanceId(),
        0L), ready.get(c.code()), c.customerReports(), c.reportsToConfirm(), c.confirmedErrors(), c.fines(),
        c.finesAmount(), "/api/campaigns/" + c.code())).toList();
    return new CampaignsView(w.now(), w.zone().getId(), byStage,
        rows.stream().mapToLong(CampaignRow::overdueChecks).sum(), rows,
        List.of(links.cockpit("活动检核实例 · Campaign checks in Cockpit", CampaignCheckProcess.KEY, false),
            links.cockpit("宣贯答疑实例 · Briefings in Cockpit", CampaignBriefingProcess.KEY, false),
            links.tasklist("已逾期任务 · Overdue tasks in Tasklist", EngineFigures.OVERDUE_FILTER)));
  }

  @Override
  List<List<Object>> rows(Object figures) {
    CampaignsView v = (CampaignsView) figures;
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("活动 · Campaign", "名称 · Name", "阶段 · Stage", "上线 · Go-live", "逾期检核 · Overdue checks",
        "已就绪 · Ready", "未就绪 · Not yet", "两次未通过 · Failed twice", "顾客报错 · Customer reports",
        "确认错误 · Confirmed errors", "罚款笔数 · Fines", "罚款金额 · Fines amount"));
    v.campaigns().forEach(c -> rows.add(List.of(c.code(), c.name(), c.stage(), c.goLiveAt().toString(),
        c.overdueChecks(), c.briefing() == null ? "" : c.briefing().ready(),
        c.briefing() == null ? "" : c.briefing().notYet(), c.briefing() == null ? "" : c.briefing().failedTwice(),
        c.customerReports(), c.confirmedErrors(), c.fines(), c.finesAmount())));
    return rows;
  }
}
