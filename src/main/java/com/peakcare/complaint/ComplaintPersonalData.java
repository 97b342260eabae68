package com.peakcare.complaint;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.retention.DataSubject;
import com.peakcare.retention.PersonalDataHolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's complaints (issue 27 meets issue 24), by their orders: exported with their timeline; erased by emptying
 * the customer's words (the demand, the resolution's note, the timeline's details) and deleting the engine's history of
 * the ended complaints (task titles and notices carry the customer's name). The figures stay: order no., category,
 * severity, the promise and its times, each escalation, the resolution's kind and coupon. Not while a complaint is open.
 * Its complaint numbers join the person's case references, so that the notices' holder finds the complaint's notices.
 */
@Component
@Order(25)
class ComplaintPersonalData implements PersonalDataHolder {

  private final NamedParameterJdbcTemplate jdbc;
  private final ComplaintRepository repository;
  private final HistoryService history;
  private final EngineGate gate;

  ComplaintPersonalData(NamedParameterJdbcTemplate jdbc, ComplaintRepository repository, HistoryService history,
      EngineGate gate) {
    this.jdbc = jdbc;
    this.repository = repository;
    this.history = history;
    this.gate = gate;
  }

  @Override
  public String name() {
    return "complaints";
  }

  @Override
  public void identify(DataSubject subject) {
    subject.caseRefs().addAll(complaintNos(subject));
  }

  @Override
  public String stillNeeded(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return null;
    }
    List<String> open = jdbc.queryForList("select COMPLAINT_NO from PC_COMPLAINT where ORDER_NO in (:o) and "
        + "CLOSED_AT is null", Map.of("o", subject.orderNos()), String.class);
    return open.isEmpty() ? null : "complaint " + String.join(", ", open) + " is still open";
  }

  @Override
  public List<Map<String, Object>> export(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> complaints = jdbc.queryForList("select COMPLAINT_NO, ORDER_NO, CHANNEL, CATEGORY, "
        + "SEVERITY, DEMAND, STATUS, OPENED_AT, PROMISED_FIRST_ANSWER_BY, PROMISED_RESOLUTION_BY, RESOLVED_AT, "
        + "RESOLUTION_KIND, RESOLUTION_NOTE, COUPON_AMOUNT, RETURN_NO, CLOSED_AT, CLOSE_REASON from PC_COMPLAINT "
        + "where ORDER_NO in (:o) order by OPENED_AT", Map.of("o", subject.orderNos()));
    for (Map<String, Object> c : complaints) {
      c.put("TIMELINE", jdbc.queryForList("select AT, EVENT, DETAIL from PC_COMPLAINT_EVENT where COMPLAINT_NO = :c "
          + "order by ID", Map.of("c", c.get("COMPLAINT_NO"))));
    }
    return complaints;
  }

  @Override
  public int erase(DataSubject subject) {
    List<String> nos = complaintNos(subject);
    if (nos.isEmpty()) {
      return 0;
    }
    int n = repository.forgetWords(nos);
    List<String> ended = new ArrayList<>();
    gate.asPeakCare(() -> {
      for (String no : nos) {
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(no).finished().list().stream()
            .map(HistoricProcessInstance::getId).forEach(ended::add);
      }
      if (!ended.isEmpty()) {
        history.deleteHistoricProcessInstancesIfExists(ended);
      }
      return ended.size();
    });
    return n + ended.size();
  }

  private List<String> complaintNos(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList("select COMPLAINT_NO from PC_COMPLAINT where ORDER_NO in (:o)",
        Map.of("o", subject.orderNos()), String.class);
  }
}
