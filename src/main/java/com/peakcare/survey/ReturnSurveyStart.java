package com.peakcare.survey;

import com.peakcare.engine.EndEventHook;
import com.peakcare.engine.gate.EngineGate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hooks the return case's close without touching its model: when a return case reaches its closed end
 * ({@value ReturnSurveyProcess#RETURN_CLOSED_END}, refunded or replaced) the case's 回访 process starts in the same
 * transaction. The return model's other ends (rejected, cancelled) and every other path behave as before.
 *
 * <p>On by default ({@code peakcare.survey.after-returns}): since return-case.bpmn version 5 the return model has no
 * survey step of its own; this is the return case's 回访. An instance of an older version still sends its own SURVEY
 * notice and waits for the integrator's answer ({@value #OWN_SURVEY_STEP}): it gets no second survey here.
 */
@Component
class ReturnSurveyStart implements EndEventHook {

  private static final Logger log = LoggerFactory.getLogger(ReturnSurveyStart.class);
  /** The survey step of return-case.bpmn before version 5 (its instances asked the customer themselves). */
  static final String OWN_SURVEY_STEP = "Task_SendSurveyNotice";

  private final ObjectProvider<EngineGate> gate;
  private final boolean enabled;

  ReturnSurveyStart(ObjectProvider<EngineGate> gate,
      @org.springframework.beans.factory.annotation.Value("${peakcare.survey.after-returns:true}") boolean enabled) {
    this.gate = gate;
    this.enabled = enabled;
  }

  @Override
  public String processKey() {
    return ReturnSurveyProcess.RETURN_PROCESS_KEY;
  }

  @Override
  public String endEventId() {
    return ReturnSurveyProcess.RETURN_CLOSED_END;
  }

  @Override
  public void reached(DelegateExecution execution) {
    if (!enabled) {
      return;
    }
    String returnNo = execution.getProcessBusinessKey();
    if (execution.getBpmnModelInstance().getModelElementById(OWN_SURVEY_STEP) != null) {
      log.info("return {} closed by a model version with its own survey step: no second survey", returnNo);
      return;
    }
    gate.getObject().asPeakCare(() -> execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(ReturnSurveyProcess.KEY, returnNo));
    log.info("return {} closed: 回访 scheduled", returnNo);
  }
}
