package com.peakcare.campaign;

import static com.peakcare.web.JdbcTime.instant;
import static com.peakcare.web.JdbcTime.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.peakcare.campaign.CampaignRecords.AllHandsEntry;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.ErrorReport;
import com.peakcare.campaign.CampaignRecords.Finding;
import com.peakcare.campaign.CampaignRecords.Version;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The campaign's own tables (PC_CAMPAIGN, PC_CAMPAIGN_VERSION, PC_CAMPAIGN_FINDING, PC_CAMPAIGN_ALL_HANDS,
 * PC_CAMPAIGN_ERROR_REPORT): every select, insert and update {@link CampaignService} makes, and nothing else; the rules
 * (who may, when, what a version is) stay in the service. The ledger is {@link RewardLedger}'s, the figures
 * {@link CampaignFigures}'.
 */
@Repository
class CampaignRepository {

  /** A justification carried over from the version before: its text and who gave it. */
  record Justification(String text, String by) {}

  private final JdbcTemplate jdbc;

  CampaignRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  // ---- PC_CAMPAIGN -------------------------------------------------------------------------------------------

  void insertCampaign(String code, String name, String setter, Instant goLiveAt, Instant allHandsDeadline,
      Stage stage, Instant createdAt) {
    jdbc.update("insert into PC_CAMPAIGN (CODE, NAME, SETTER_ID, GO_LIVE_AT, ALL_HANDS_DEADLINE, CURRENT_VERSION, "
            + "STAGE, CREATED_AT) values (?, ?, ?, ?, ?, 1, ?, ?)",
        code, name, setter, utc(goLiveAt), utc(allHandsDeadline), stage.name(), utc(createdAt));
  }

  Optional<Campaign> find(String code) {
    return jdbc.query("select * from PC_CAMPAIGN where CODE = ?", (rs, i) -> new Campaign(rs.getString("CODE"),
        rs.getString("NAME"), rs.getString("SETTER_ID"), instant(rs, "GO_LIVE_AT"), instant(rs, "ALL_HANDS_DEADLINE"),
        rs.getInt("CURRENT_VERSION"), Stage.valueOf(rs.getString("STAGE")), rs.getString("BLOCKED_REASON"),
        rs.getString("PROCESS_INSTANCE_ID"), instant(rs, "CREATED_AT"), instant(rs, "LAUNCHED_AT")), code)
        .stream().findFirst();
  }

  void setCurrentVersion(String code, int version) {
    jdbc.update("update PC_CAMPAIGN set CURRENT_VERSION = ? where CODE = ?", version, code);
  }

  /** Attaches the process to a registered campaign without one; false when there is no such campaign. */
  boolean attachProcess(String code, String processInstanceId) {
    return jdbc.update("update PC_CAMPAIGN set PROCESS_INSTANCE_ID = ? where CODE = ? and "
        + "PROCESS_INSTANCE_ID is null", processInstanceId, code) == 1;
  }

  void setStage(String code, Stage stage) {
    jdbc.update("update PC_CAMPAIGN set STAGE = ? where CODE = ?", stage.name(), code);
  }

  void setBlockedReason(String code, String reason) {
    jdbc.update("update PC_CAMPAIGN set BLOCKED_REASON = ? where CODE = ?", reason, code);
  }

  void launched(String code, Instant at) {
    jdbc.update("update PC_CAMPAIGN set BLOCKED_REASON = null, LAUNCHED_AT = ? where CODE = ?", utc(at), code);
  }

  // ---- PC_CAMPAIGN_VERSION and PC_CAMPAIGN_FINDING ----------------------------------------------------------

  void insertVersion(String code, int no, String hash, String itemsJson, String by, Instant at) {
    jdbc.update("insert into PC_CAMPAIGN_VERSION (CAMPAIGN_CODE, VERSION_NO, HASH, ITEMS_JSON, CREATED_BY, CREATED_AT) "
        + "values (?, ?, ?, ?, ?, ?)", code, no, hash, itemsJson, by, utc(at));
  }

  Optional<Version> version(String code, int no) {
    return jdbc.query("select * from PC_CAMPAIGN_VERSION where CAMPAIGN_CODE = ? and VERSION_NO = ?",
        CampaignRepository::versionRow, code, no).stream().findFirst();
  }

  List<Version> versions(String code) {
    return jdbc.query("select * from PC_CAMPAIGN_VERSION where CAMPAIGN_CODE = ? order by VERSION_NO",
        CampaignRepository::versionRow, code);
  }

  /** The justification of the same finding on the same unchanged item in a version, if it had one. */
  Optional<Justification> justification(String code, int version, String findingCode, String itemId,
      String itemHash) {
    return jdbc.query("select JUSTIFICATION, JUSTIFIED_BY from PC_CAMPAIGN_FINDING where "
                + "CAMPAIGN_CODE = ? and VERSION_NO = ? and CODE = ? and ITEM_ID = ? and ITEM_HASH = ? "
                + "and JUSTIFICATION is not null",
            (rs, i) -> new Justification(rs.getString(1), rs.getString(2)), code, version, findingCode, itemId,
            itemHash)
        .stream().findFirst();
  }

  void insertFinding(String id, String code, int version, String findingCode, String itemId, String itemHash,
      String message, String fix, Optional<Justification> justification, Instant at) {
    jdbc.update("insert into PC_CAMPAIGN_FINDING (ID, CAMPAIGN_CODE, VERSION_NO, CODE, ITEM_ID, ITEM_HASH, MESSAGE, "
            + "FIX, JUSTIFICATION, JUSTIFIED_BY, CREATED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, code, version, findingCode, itemId, itemHash, message, fix,
        justification.map(Justification::text).orElse(null), justification.map(Justification::by).orElse(null),
        utc(at));
  }

  /** Justifies every open finding of a version; returns how many. */
  int justifyOpenFindings(String code, int version, String justification, String by) {
    return jdbc.update("update PC_CAMPAIGN_FINDING set JUSTIFICATION = ?, JUSTIFIED_BY = ? where CAMPAIGN_CODE = ? "
        + "and VERSION_NO = ? and JUSTIFICATION is null", justification, by, code, version);
  }

  void justifyFinding(String findingId, String justification, String by) {
    jdbc.update("update PC_CAMPAIGN_FINDING set JUSTIFICATION = ?, JUSTIFIED_BY = ? where ID = ?",
        justification, by, findingId);
  }

  List<Finding> findings(String code, int version) {
    return jdbc.query("select * from PC_CAMPAIGN_FINDING where CAMPAIGN_CODE = ? and VERSION_NO = ? "
        + "order by ITEM_ID, CODE", CampaignRepository::findingRow, code, version);
  }

  // ---- PC_CAMPAIGN_ALL_HANDS ---------------------------------------------------------------------------------

  /** The latest all-hands round of a campaign, 0 before the first. */
  int lastAllHandsRound(String code) {
    Integer last = jdbc.queryForObject("select max(ROUND_NO) from PC_CAMPAIGN_ALL_HANDS where CAMPAIGN_CODE = ?",
        Integer.class, code);
    return last == null ? 0 : last;
  }

  void insertAllHands(String code, int round, String user, int version) {
    jdbc.update("insert into PC_CAMPAIGN_ALL_HANDS (CAMPAIGN_CODE, ROUND_NO, USER_ID, VERSION_NO, STATUS) "
        + "values (?, ?, ?, ?, 'OPEN')", code, round, user, version);
  }

  void signAllHands(String code, String user, int errorCount, Instant at) {
    jdbc.update("update PC_CAMPAIGN_ALL_HANDS set STATUS = 'SIGNED', ERROR_COUNT = ?, CLOSED_AT = ? "
            + "where CAMPAIGN_CODE = ? and USER_ID = ? and STATUS = 'OPEN' and ROUND_NO = "
            + "(select max(ROUND_NO) from PC_CAMPAIGN_ALL_HANDS where CAMPAIGN_CODE = ?)",
        errorCount, utc(at), code, user, code);
  }

  /** Closes the open rows of the latest round as unsigned; returns how many. */
  int closeAllHandsUnsigned(String code, Instant at) {
    return jdbc.update("update PC_CAMPAIGN_ALL_HANDS set STATUS = 'CLOSED_UNSIGNED', CLOSED_AT = ? "
            + "where CAMPAIGN_CODE = ? and STATUS = 'OPEN' and ROUND_NO = "
            + "(select max(ROUND_NO) from PC_CAMPAIGN_ALL_HANDS where CAMPAIGN_CODE = ?)",
        utc(at), code, code);
  }

  List<AllHandsEntry> allHands(String code) {
    return jdbc.query("select * from PC_CAMPAIGN_ALL_HANDS where CAMPAIGN_CODE = ? order by ROUND_NO, USER_ID",
        (rs, i) -> new AllHandsEntry(rs.getInt("ROUND_NO"), rs.getString("USER_ID"), rs.getInt("VERSION_NO"),
            rs.getString("STATUS"), (Integer) rs.getObject("ERROR_COUNT"), instant(rs, "CLOSED_AT")), code);
  }

  // ---- PC_CAMPAIGN_ERROR_REPORT ------------------------------------------------------------------------------

  void insertErrorReport(String id, String code, int version, String source, String reportedBy, int errorCount,
      String notes, Instant at) {
    jdbc.update("insert into PC_CAMPAIGN_ERROR_REPORT (ID, CAMPAIGN_CODE, VERSION_NO, SOURCE, REPORTED_BY, "
            + "ERROR_COUNT, NOTES, STATUS, CREATED_AT) values (?, ?, ?, ?, ?, ?, ?, 'REPORTED', ?)",
        id, code, version, source, reportedBy, errorCount, notes, utc(at));
  }

  void confirm(String reportId, int confirmedCount, String by) {
    jdbc.update("update PC_CAMPAIGN_ERROR_REPORT set STATUS = ?, CONFIRMED_COUNT = ?, CONFIRMED_BY = ? "
        + "where ID = ? and STATUS = 'REPORTED'", confirmedCount > 0 ? "CONFIRMED" : "REJECTED", confirmedCount, by,
        reportId);
  }

  List<String> unconfirmedReports(String code, int version, String source) {
    return jdbc.queryForList("select ID from PC_CAMPAIGN_ERROR_REPORT where CAMPAIGN_CODE = ? and VERSION_NO = ? "
        + "and SOURCE = ? and STATUS = 'REPORTED' order by CREATED_AT, ID", String.class, code, version, source);
  }

  Optional<ErrorReport> errorReport(String id) {
    return jdbc.query("select * from PC_CAMPAIGN_ERROR_REPORT where ID = ?", CampaignRepository::errorReportRow, id)
        .stream().findFirst();
  }

  List<ErrorReport> errorReports(String code) {
    return jdbc.query("select * from PC_CAMPAIGN_ERROR_REPORT where CAMPAIGN_CODE = ? order by CREATED_AT, ID",
        CampaignRepository::errorReportRow, code);
  }

  // ---- rows --------------------------------------------------------------------------------------------------

  private static Version versionRow(ResultSet rs, int i) throws SQLException {
    List<CampaignItem> items;
    try {
      items = CampaignService.CANONICAL.readValue(rs.getString("ITEMS_JSON"),
          new TypeReference<List<CampaignItem>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored items unreadable", e);
    }
    return new Version(rs.getInt("VERSION_NO"), rs.getString("HASH"), items, rs.getString("CREATED_BY"),
        instant(rs, "CREATED_AT"));
  }

  private static Finding findingRow(ResultSet rs, int i) throws SQLException {
    return new Finding(rs.getString("ID"), rs.getInt("VERSION_NO"), rs.getString("CODE"), rs.getString("ITEM_ID"),
        rs.getString("MESSAGE"), rs.getString("FIX"), rs.getString("JUSTIFICATION"), rs.getString("JUSTIFIED_BY"));
  }

  private static ErrorReport errorReportRow(ResultSet rs, int i) throws SQLException {
    return new ErrorReport(rs.getString("ID"), rs.getString("CAMPAIGN_CODE"), rs.getInt("VERSION_NO"),
        rs.getString("SOURCE"), rs.getString("REPORTED_BY"), rs.getInt("ERROR_COUNT"), rs.getString("NOTES"),
        rs.getString("STATUS"), (Integer) rs.getObject("CONFIRMED_COUNT"), rs.getString("CONFIRMED_BY"),
        instant(rs, "CREATED_AT"));
  }
}
