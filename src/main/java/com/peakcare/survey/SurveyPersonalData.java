package com.peakcare.survey;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.retention.DataSubject;
import com.peakcare.retention.PersonalDataHolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's surveys (issue 27 rights, issue 24 回访): exported with their cases; on erasure the comment and the
 * recovery note go, the scores stay, and a survey still waiting for its time is cancelled with its engine history (it
 * would otherwise write to a contact that no longer exists).
 */
@Component
@Order(35)
class SurveyPersonalData implements PersonalDataHolder {

  private final NamedParameterJdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final EngineGate gate;

  SurveyPersonalData(NamedParameterJdbcTemplate jdbc, RuntimeService runtime, HistoryService history,
      EngineGate gate) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.history = history;
    this.gate = gate;
  }

  @Override
  public String name() {
    return "surveys";
  }

  @Override
  public List<Map<String, Object>> export(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList("select CASE_KIND, CASE_NO, SENT_AT, ANSWERED_AT, SCORE, SOLVED, REASONS, COMMENT from "
        + "PC_SURVEY where CASE_NO in (:c)", Map.of("c", subject.caseRefs()));
  }

  @Override
  public int erase(DataSubject subject) {
    if (subject.caseRefs().isEmpty()) {
      return 0;
    }
    int n = jdbc.update("update PC_SURVEY set COMMENT = null, RECOVERY_NOTE = null where CASE_NO in (:c)",
        Map.of("c", subject.caseRefs()));
    List<String> instances = new ArrayList<>();
    gate.asPeakCare(() -> {
      for (String ref : subject.caseRefs()) {
        runtime.createProcessInstanceQuery().processDefinitionKey(ReturnSurveyProcess.KEY)
            .processInstanceBusinessKey(ref).list().forEach(pi -> runtime.deleteProcessInstance(pi.getId(),
                "erased: the person's data", true, true));
        history.createHistoricProcessInstanceQuery().processDefinitionKey(ReturnSurveyProcess.KEY)
            .processInstanceBusinessKey(ref).list().stream().map(HistoricProcessInstance::getId)
            .forEach(instances::add);
      }
      if (!instances.isEmpty()) {
        history.deleteHistoricProcessInstancesIfExists(instances);
      }
      return instances.size();
    });
    return n + instances.size();
  }
}
