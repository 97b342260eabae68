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
 * <p>Off by default ({@code peakcare.survey.after-returns}): the return model still sends its own SURVEY notice before
 * it closes (answered through the integrator), so with this on a customer would be asked twice about one case. It is
 * switched on where that model's own survey step is replaced by this one (docs/complaints.md, "Not done yet").
 */
@Component
class ReturnSurveyStart implements EndEventHook {

  private static final Logger log = LoggerFactory.getLogger(ReturnSurveyStart.class);

  private final ObjectProvider<EngineGate> gate;
  private final boolean enabled;

  ReturnSurveyStart(ObjectProvider<EngineGate> gate,
      @org.springframework.beans.factory.annotation.Value("${peakcare.survey.after-returns:false}") boolean enabled) {
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
    gate.getObject().asPeakCare(() -> execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(ReturnSurveyProcess.KEY, returnNo));
    log.info("return {} closed: 回访 scheduled", returnNo);
  }
}
