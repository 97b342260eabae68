package com.peakcare.briefing;

import com.peakcare.briefing.BriefingRecords.Credit;
import com.peakcare.web.JdbcTime;
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
 * What the briefing counts for service-quality bonuses, per person and campaign, append-only like the campaign's
 * reward ledger: an agent's passed quiz of a round ({@value #QUIZ_PASSED}), a question answered ({@value
 * #QUESTION_ANSWERED}, for whoever answered it) and a question asked that got its answer ({@value #QUESTION_ASKED},
 * for the agent who asked). The same thing is never credited twice (a unique key, and a check before inserting).
 */
@Service
class BriefingCredits {

  static final String QUIZ_PASSED = "QUIZ_PASSED";
  static final String QUESTION_ANSWERED = "QUESTION_ANSWERED";
  static final String QUESTION_ASKED = "QUESTION_ASKED";

  private static final Logger log = LoggerFactory.getLogger(BriefingCredits.class);

  private final JdbcTemplate jdbc;

  BriefingCredits(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Books one credit; nothing when this person already has this kind of credit for this thing. */
  void credit(String campaign, String person, String kind, int round, String refId, String detail) {
    Integer known = jdbc.queryForObject("select count(*) from PC_BRIEFING_CREDIT where CAMPAIGN_CODE = ? and "
        + "PERSON_ID = ? and KIND = ? and REF_ID = ?", Integer.class, campaign, person, kind, refId);
    if (known != null && known > 0) {
      return;
    }
    jdbc.update("insert into PC_BRIEFING_CREDIT (ID, CAMPAIGN_CODE, PERSON_ID, KIND, ROUND_NO, REF_ID, DETAIL, "
            + "CREATED_AT) values (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), campaign, person, kind,
        round, refId, detail, JdbcTime.utc(Instant.now()));
    log.info("campaign {} briefing credit {} for {}", campaign, kind, person);
  }

  /** Every entry of a campaign (or of a person in it): bounded by the campaign, for its own view. */
  List<Credit> find(String campaign, String person) {
    return find(campaign, person, new com.peakcare.web.ListPage.Bounds(Integer.MAX_VALUE, 0));
  }

  /** One page of the entries by filter (any may be null), oldest first. */
  List<Credit> find(String campaign, String person, com.peakcare.web.ListPage.Bounds page) {
    StringBuilder sql = new StringBuilder("select * from PC_BRIEFING_CREDIT where 1 = 1");
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
    return jdbc.query(sql.toString(), BriefingCredits::row, args.toArray());
  }

  private static Credit row(ResultSet rs, int i) throws SQLException {
    return new Credit(rs.getString("ID"), rs.getString("CAMPAIGN_CODE"), rs.getString("PERSON_ID"),
        rs.getString("KIND"), rs.getInt("ROUND_NO"), rs.getString("REF_ID"), rs.getString("DETAIL"),
        JdbcTime.instant(rs, "CREATED_AT"));
  }
}
