package com.peakcare.campaign;

import com.peakcare.campaign.CampaignCheckProcess.Elements;
import com.peakcare.web.JdbcTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Campaigns' figures for the big-sale dashboard (issue 25): read-only, over the campaigns' own small tables (a shop
 * runs tens of campaigns a sale, not millions). The dashboard asks this service, never the tables.
 */
@Service
public class CampaignFigures {

  /** The checks with a due date (their tasks are overdue past it). */
  public static final List<String> CHECK_TASKS = List.of(Elements.TASK_RECHECK, Elements.TASK_PEER_CHECK,
      Elements.TASK_UX_CHECK, Elements.TASK_ALL_HANDS_CHECK);

  /**
   * A campaign as the dashboard lists it: stage, go-live, and the errors customers reported after launch (reported,
   * still to confirm, confirmed errors) with the fines they cost.
   */
  public record CampaignLine(String code, String name, String stage, String stageLabel, Instant goLiveAt,
      Instant launchedAt, String processInstanceId, long customerReports, long reportsToConfirm, long confirmedErrors,
      long fines, BigDecimal finesAmount) {}

  private final JdbcTemplate jdbc;

  CampaignFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Campaigns by stage, all of them. */
  public Map<String, Long> byStage() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Stage s : Stage.values()) {
      counts.put(s.name(), 0L);
    }
    jdbc.query("select STAGE, count(*) from PC_CAMPAIGN group by STAGE", rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    });
    return counts;
  }

  /** The campaigns not closed, or going live after {@code since}, by go-live. */
  public List<CampaignLine> campaigns(Instant since) {
    Map<String, long[]> reports = new LinkedHashMap<>();
    jdbc.query("select CAMPAIGN_CODE, count(*), coalesce(sum(case when STATUS = 'REPORTED' then 1 else 0 end), 0),"
        + " coalesce(sum(CONFIRMED_COUNT), 0) from PC_CAMPAIGN_ERROR_REPORT where SOURCE = ? group by CAMPAIGN_CODE",
        rs -> {
          reports.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        }, ErrorReportSource.CUSTOMER);
    Map<String, Object[]> fines = new LinkedHashMap<>();
    jdbc.query("select R.CAMPAIGN_CODE, count(*), coalesce(sum(L.AMOUNT), 0) from PC_CAMPAIGN_LEDGER L"
        + " join PC_CAMPAIGN_ERROR_REPORT R on R.ID = L.REPORT_ID where R.SOURCE = ? and L.KIND = ?"
        + " group by R.CAMPAIGN_CODE", rs -> {
          fines.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getBigDecimal(3)});
        }, ErrorReportSource.CUSTOMER, RewardLedger.FINE);
    return jdbc.query("select CODE, NAME, STAGE, GO_LIVE_AT, LAUNCHED_AT, PROCESS_INSTANCE_ID from PC_CAMPAIGN"
        + " where STAGE <> ? or GO_LIVE_AT >= ? order by GO_LIVE_AT, CODE", (rs, i) -> {
          String code = rs.getString(1);
          long[] r = reports.getOrDefault(code, new long[3]);
          Object[] f = fines.getOrDefault(code, new Object[] {0L, BigDecimal.ZERO});
          String stage = rs.getString(3);
          return new CampaignLine(code, rs.getString(2), stage, Stage.valueOf(stage).label(),
              JdbcTime.instant(rs, 4), JdbcTime.instant(rs, 5), rs.getString(6),
              r[0], r[1], r[2], (Long) f[0], (BigDecimal) f[1]);
        }, Stage.CLOSED.name(), JdbcTime.utc(since));
  }
}
