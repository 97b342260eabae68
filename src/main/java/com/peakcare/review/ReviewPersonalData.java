package com.peakcare.review;

import com.peakcare.retention.DataSubject;
import com.peakcare.retention.PersonalDataHolder;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's reviews (issue 27), by their orders: exported as written; erased with their clauses (the cycles' counts
 * per category stay). Not while a serious-review task about one is still open.
 */
@Component
@Order(40)
class ReviewPersonalData implements PersonalDataHolder {

  private final NamedParameterJdbcTemplate jdbc;

  ReviewPersonalData(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "reviews";
  }

  @Override
  public String stillNeeded(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return null;
    }
    List<String> open = jdbc.queryForList("select ORDER_NO from PC_REVIEW_SERIOUS where ORDER_NO in (:o) and HANDLED_AT "
        + "is null", Map.of("o", subject.orderNos()), String.class);
    return open.isEmpty() ? null : "a serious review of order " + String.join(", ", open) + " is being handled";
  }

  @Override
  public List<Map<String, Object>> export(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList("select ORDER_NO, SKU, STARS, REVIEW_TEXT, FOLLOW_UP_TEXT, REVIEWED_AT, FOLLOW_UP_AT from "
        + "PC_REVIEW where ORDER_NO in (:o) order by REVIEWED_AT", Map.of("o", subject.orderNos()));
  }

  @Override
  public int erase(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return 0;
    }
    jdbc.update("delete from PC_REVIEW_ISSUE where ORDER_NO in (:o)", Map.of("o", subject.orderNos()));
    return jdbc.update("delete from PC_REVIEW where ORDER_NO in (:o)", Map.of("o", subject.orderNos()));
  }
}
