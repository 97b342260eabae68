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
 */
@Component
class ReturnSurveyStart implements EndEventHook {

  private static final Logger log = LoggerFactory.getLogger(ReturnSurveyStart.class);

  private final ObjectProvider<EngineGate> gate;

  ReturnSurveyStart(ObjectProvider<EngineGate> gate) {
    this.gate = gate;
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
    String returnNo = execution.getProcessBusinessKey();
    gate.getObject().asPeakCare(() -> execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(ReturnSurveyProcess.KEY, returnNo));
    log.info("return {} closed: 回访 scheduled", returnNo);
  }
}
