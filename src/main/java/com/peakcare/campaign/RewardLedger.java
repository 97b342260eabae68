package com.peakcare.campaign;

import static com.peakcare.web.JdbcTime.instant;
import static com.peakcare.web.JdbcTime.utc;

import com.peakcare.campaign.CampaignRecords.ErrorReport;
import com.peakcare.campaign.CampaignRecords.LedgerEntry;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Rewards and penalties (奖 / 罚款 / 连坐), append-only: a confirmed error pays its finder (all-hands only) and fines
 * the setter, the peer checker and the UX checker of the version that let it through, and each one's superior.
 */
@Service
class RewardLedger {

  private static final Logger log = LoggerFactory.getLogger(RewardLedger.class);
  static final String REWARD = "REWARD";
  static final String FINE = "FINE";
  static final String SUPERIOR_FINE = "SUPERIOR_FINE";

  private final JdbcTemplate jdbc;
  private final CampaignSettings settings;
  private final CampaignCheckers checkers;

  RewardLedger(JdbcTemplate jdbc, CampaignSettings settings, CampaignCheckers checkers) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.checkers = checkers;
  }

  /** Books a confirmed report; returns the entries written. */
  List<LedgerEntry> settle(ErrorReport report, int confirmed, List<String> answerable, String confirmedBy) {
    List<LedgerEntry> entries = new ArrayList<>();
    if (confirmed <= 0) {
      return entries;
    }
    String what = confirmed + " confirmed error(s) of version " + report.version() + " reported by "
        + (ErrorReportSource.ALL_HANDS.equals(report.source()) ? report.reportedBy() : "a customer")
        + ", confirmed by " + confirmedBy;
    if (ErrorReportSource.ALL_HANDS.equals(report.source())) {
      entries.add(book(report, confirmed, report.reportedBy(), REWARD, settings.reward(), null, "reward: " + what));
    }
    for (String person : answerable) {
      entries.add(book(report, confirmed, person, FINE, settings.fine(), null, "fine: " + what));
      checkers.superiorOf(person).ifPresent(superior -> entries.add(book(report, confirmed, superior, SUPERIOR_FINE,
          settings.superiorFine(), person, "superior's fine for " + person + ": " + what)));
    }
    log.info("campaign {}: {} confirmed error(s) booked, {} ledger entries", report.campaign(), confirmed,
        entries.size());
    return entries;
  }

  private LedgerEntry book(ErrorReport report, int count, String person, String kind, BigDecimal unit,
      String onBehalfOf, String reason) {
    LedgerEntry e = new LedgerEntry(UUID.randomUUID().toString(), report.campaign(), report.version(), person, kind,
        unit.multiply(BigDecimal.valueOf(count)).setScale(2), settings.currency(), count, report.id(), onBehalfOf,
        reason, Instant.now());
    jdbc.update("insert into PC_CAMPAIGN_LEDGER (ID, CAMPAIGN_CODE, VERSION_NO, PERSON_ID, KIND, AMOUNT, CURRENCY, "
            + "ERROR_COUNT, REPORT_ID, ON_BEHALF_OF, REASON, CREATED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.id(), e.campaign(), e.version(), e.person(), e.kind(), e.amount(), e.currency(), e.errorCount(),
        e.reportId(), e.onBehalfOf(), e.reason(), utc(e.createdAt()));
    return e;
  }

  /** Every entry of a campaign (or of a person in it): bounded by the campaign, for its own view. */
  List<LedgerEntry> find(String campaign, String person) {
    return find(campaign, person, new com.peakcare.web.ListPage.Bounds(Integer.MAX_VALUE, 0));
  }

  /** One page of the entries by filter (any may be null), oldest first. */
  List<LedgerEntry> find(String campaign, String person, com.peakcare.web.ListPage.Bounds page) {
    StringBuilder sql = new StringBuilder("select * from PC_CAMPAIGN_LEDGER where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (campaign != null) {
      sql.append(" and CAMPAIGN_CODE = ?");
      args.add(campaign);
    }
    if (person != null) {
      sql.append(" and PERSON_ID = ?");
      args.add(person);
    }
    sql.append(" order by CREATED_AT, ID").append(com.peakcare.web.ListPage.Bounds.SQL);
    args.add(page.limit());
    args.add(page.offset());
    return jdbc.query(sql.toString(), RewardLedger::row, args.toArray());
  }

  private static LedgerEntry row(ResultSet rs, int i) throws SQLException {
    return new LedgerEntry(rs.getString("ID"), rs.getString("CAMPAIGN_CODE"), rs.getInt("VERSION_NO"),
        rs.getString("PERSON_ID"), rs.getString("KIND"), rs.getBigDecimal("AMOUNT"), rs.getString("CURRENCY"),
        rs.getInt("ERROR_COUNT"), rs.getString("REPORT_ID"), rs.getString("ON_BEHALF_OF"), rs.getString("REASON"),
        instant(rs, "CREATED_AT"));
  }
}
