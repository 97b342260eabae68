package com.peakcare.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Full history where someone reads it, less where nobody does (issue 6). The history level stays {@code full} (it
 * cannot change after the first start); this replaces Camunda's database history handler with one that leaves out:
 * <ul>
 *   <li>{@code ACT_HI_DETAIL}, every past value of every variable, for the processes in
 *       {@code peakcare.history.without-variable-details} (the return case and its machinery). A case's story is
 *       its timeline (PC_RETURN_EVENT), its policy decision (ACT_HI_DECINST), its tasks and who did them
 *       (ACT_HI_TASKINST, ACT_HI_OP_LOG) and its variables' last values (ACT_HI_VARINST), all kept. 55 of the 273
 *       rows a case wrote were these details. The campaign check keeps them: auditors read its history.</li>
 *   <li>For the internal processes in {@code peakcare.history.machinery} (notice delivery, refund care): the
 *       variables' history and the job log of jobs that went well. Their process instances, activities, tasks,
 *       incidents and failed jobs stay, and the notices themselves are in PC_NOTICE and PC_NOTICE_DELIVERY.</li>
 *   <li>In every process, the local variables named in {@code peakcare.history.step-parameters}: a step's
 *       configuration from the model (the notice step's {@code noticeType}), the same on every pass, which the
 *       model itself says.</li>
 * </ul>
 */
@Component
class HistoryTrim extends AbstractProcessEnginePlugin {

  private final Set<String> withoutVariableDetails;
  private final Set<String> machinery;
  private final Set<String> stepParameters;

  HistoryTrim(@Value("${peakcare.history.without-variable-details:}") List<String> withoutVariableDetails,
      @Value("${peakcare.history.machinery:}") List<String> machinery,
      @Value("${peakcare.history.step-parameters:}") List<String> stepParameters) {
    this.withoutVariableDetails = processKeys(withoutVariableDetails);
    this.machinery = processKeys(machinery);
    this.stepParameters = processKeys(stepParameters);
  }

  /** A comma-separated property as process keys: an empty value (a blank element) means none. */
  private static Set<String> processKeys(List<String> values) {
    return values.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(0, new TrimmedDbHistoryEventHandler(withoutVariableDetails, machinery, stepParameters));
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  static final class TrimmedDbHistoryEventHandler extends DbHistoryEventHandler {

    private final Set<String> withoutVariableDetails;
    private final Set<String> machinery;
    private final Set<String> stepParameters;

    TrimmedDbHistoryEventHandler(Set<String> withoutVariableDetails, Set<String> machinery,
        Set<String> stepParameters) {
      this.withoutVariableDetails = withoutVariableDetails;
      this.machinery = machinery;
      this.stepParameters = stepParameters;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricVariableUpdateEventEntity variable
          && stepParameters.contains(variable.getVariableName())) {
        return;
      }
      String process = event.getProcessDefinitionKey();
      if (process != null && machinery.contains(process)) {
        if (event instanceof HistoricVariableUpdateEventEntity) {
          return;
        }
        if (event instanceof HistoricJobLog log && !log.isFailureLog()) {
          return;
        }
      }
      super.handleEvent(event);
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return !withoutVariableDetails.contains(event.getProcessDefinitionKey())
          && super.shouldWriteHistoricDetail(event);
    }
  }
}
