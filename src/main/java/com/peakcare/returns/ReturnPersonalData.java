package com.peakcare.returns;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.retention.DataSubject;
import com.peakcare.retention.PersonalDataHolder;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's return cases (issue 27), by their orders: exported with their timeline and refunds; erased by emptying
 * the request, and putting the pseudonym in place of the customer key and the buyer in the case's facts. Amounts, the
 * refund (order no., amount, destination, reference), who decided and the timeline stay; the engine's history of the
 * ended cases (and their refund care and notice deliveries) is deleted. Not while a case is open.
 */
@Component
@Order(20)
class ReturnPersonalData implements PersonalDataHolder {

  private static final List<String> ENDED = List.of(ReturnCaseProcess.Status.CLOSED.name(),
      ReturnCaseProcess.Status.REJECTED.name(), ReturnCaseProcess.Status.CANCELLED.name());

  private final NamedParameterJdbcTemplate jdbc;
  private final HistoryService history;
  private final EngineGate gate;

  ReturnPersonalData(NamedParameterJdbcTemplate jdbc, HistoryService history, EngineGate gate) {
    this.jdbc = jdbc;
    this.history = history;
    this.gate = gate;
  }

  @Override
  public String name() {
    return "returns";
  }

  @Override
  public void identify(DataSubject subject) {
    if (!subject.orderNos().isEmpty()) {
      subject.caseRefs().addAll(jdbc.queryForList("select RETURN_NO from PC_RETURN_CASE where ORDER_NO in (:o)",
          Map.of("o", subject.orderNos()), String.class));
    }
  }

  @Override
  public String stillNeeded(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return null;
    }
    List<String> open = jdbc.queryForList("select RETURN_NO from PC_RETURN_CASE where RETURN_NO in (:c) and STATUS "
        + "not in (:e)", Map.of("c", subject.caseRefs(), "e", ENDED), String.class);
    return open.isEmpty() ? null : "return case " + String.join(", ", open) + " is still open";
  }

  @Override
  public List<Map<String, Object>> export(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> cases = jdbc.queryForList("select RETURN_NO, ORDER_NO, CASE_TYPE, REASON, AMOUNT, STATUS, "
        + "PROVINCE, COURIER, WAYBILL_NO, REFUND_AMOUNT, REFUND_TO, REFUNDED_AT, REJECTION_REASON, INSPECTION_NOTE, "
        + "REQUEST_JSON, CREATED_AT, UPDATED_AT from PC_RETURN_CASE where RETURN_NO in (:c) order by CREATED_AT",
        Map.of("c", subject.caseRefs()));
    for (Map<String, Object> c : cases) {
      c.put("TIMELINE", jdbc.queryForList("select AT, EVENT, DETAIL from PC_RETURN_EVENT where RETURN_NO = :r "
          + "order by ID", Map.of("r", c.get("RETURN_NO"))));
    }
    return cases;
  }

  @Override
  public int erase(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return 0;
    }
    int n = jdbc.update("update PC_RETURN_CASE set REQUEST_JSON = '{}', CUSTOMER_KEY = :p where RETURN_NO in (:c)",
        Map.of("p", subject.pseudonym(), "c", subject.caseRefs()));
    for (String buyer : subject.buyerIds()) {
      jdbc.update("update PC_RETURN_CASE set FACTS_JSON = replace(FACTS_JSON, :from, :to) where RETURN_NO in (:c)",
          Map.of("from", "\"buyerId\":\"" + buyer + "\"", "to", "\"buyerId\":\"" + subject.pseudonym() + "\"",
              "c", subject.caseRefs()));
    }
    // the engine's history of the ended cases, their refund care and notice deliveries (task titles carry the
    // customer's name): the case record and its timeline keep the story. As PeakCare: the supervisors hold no
    // DELETE_HISTORY on the processes.
    List<String> ended = new ArrayList<>();
    gate.asPeakCare(() -> {
      for (String ref : subject.caseRefs()) {
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref).finished().list().stream()
            .map(HistoricProcessInstance::getId).forEach(ended::add);
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(ref + ":%").finished().list()
            .stream().map(HistoricProcessInstance::getId).forEach(ended::add);
      }
      if (!ended.isEmpty()) {
        history.deleteHistoricProcessInstancesIfExists(ended);
      }
      return ended.size();
    });
    return n + ended.size();
  }
}
