package com.peakcare.notice;

import com.peakcare.retention.DataSubject;
import com.peakcare.retention.PersonalDataHolder;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The notices a person was sent (issue 27), by their cases: exported with their text and how each channel went; erased
 * by blanking text, subject, phone and e-mail (type, time and outcome stay for the delivery figures).
 */
@Component
@Order(30)
class NoticePersonalData implements PersonalDataHolder {

  private final NamedParameterJdbcTemplate jdbc;

  NoticePersonalData(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "notices";
  }

  @Override
  public List<Map<String, Object>> export(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> notices = jdbc.queryForList("select NOTICE_KEY, CASE_REF, NOTICE_TYPE, LOCALE, SUBJECT, "
        + "BODY, CUSTOMER_PHONE, CUSTOMER_EMAIL, CREATED_AT from PC_NOTICE where CASE_REF in (:c) order by CREATED_AT",
        Map.of("c", subject.caseRefs()));
    for (Map<String, Object> n : notices) {
      n.put("DELIVERIES", jdbc.queryForList("select CHANNEL, STATUS, ATTEMPTS, SENT_AT from PC_NOTICE_DELIVERY where "
          + "NOTICE_KEY = :k order by CHANNEL", Map.of("k", n.get("NOTICE_KEY"))));
    }
    return notices;
  }

  @Override
  public int erase(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return 0;
    }
    jdbc.update("update PC_NOTICE_DELIVERY set LAST_ERROR = null where NOTICE_KEY in (select NOTICE_KEY from PC_NOTICE "
        + "where CASE_REF in (:c))", Map.of("c", subject.caseRefs()));
    return jdbc.update("update PC_NOTICE set SUBJECT = '', BODY = '', CUSTOMER_PHONE = null, CUSTOMER_EMAIL = null "
        + "where CASE_REF in (:c)", Map.of("c", subject.caseRefs()));
  }
}
