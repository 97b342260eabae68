package com.peakcare.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
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
 *   <li>For the processes in {@code peakcare.history.without-gateway-passes}: the gateways' activity instances (a
 *       gateway is passed in the same instant it is reached; the activities before and after it say which way the
 *       process went). For those in {@code peakcare.history.without-activities} (notice delivery: its attempts and
 *       outcome are PC_NOTICE_DELIVERY): no activity instances at all; the process instance and any incident stay.</li>
 *   <li>For the processes in {@code peakcare.history.failed-job-log-only} (the return case): only the job log of
 *       failures; a job that ran well (a timer, the refund step) leaves its trace in the case's timeline.</li>
 *   <li>In every process, the local variables named in {@code peakcare.history.step-parameters}: a step's
 *       configuration from the model (the notice step's {@code noticeType}), the same on every pass, which the
 *       model itself says.</li>
 *   <li>For the processes in {@code peakcare.history.job-log-of-runs-only} (the complaint): the job log of its jobs'
 *       runs, succeeded or failed, but not of their creation and deletion (three timers created with every complaint
 *       opened, deleted again when it is resolved: 3 + 3 rows nobody reads, issue 24).</li>
 *   <li>For the decisions in {@code peakcare.history.without-decision-history}, evaluated outside a process by a
 *       step that records their outcome in PeakCare's own tables (the complaint's targets and promise: PC_COMPLAINT
 *       and its PROMISED timeline entry): no ACT_HI_DECINST and none of its inputs and outputs (10 rows a complaint
 *       opened, issue 24).</li>
 * </ul>
 */
@Component
class HistoryTrim extends AbstractProcessEnginePlugin {

  private final Set<String> withoutVariableDetails;
  private final Set<String> machinery;
  private final Set<String> stepParameters;
  private final Set<String> withoutGatewayPasses;
  private final Set<String> withoutActivities;
  private final Set<String> failedJobLogOnly;
  private final Set<String> withoutDecisionHistory;
  private final Set<String> jobLogOfRunsOnly;

  HistoryTrim(@Value("${peakcare.history.without-variable-details:}") List<String> withoutVariableDetails,
      @Value("${peakcare.history.machinery:}") List<String> machinery,
      @Value("${peakcare.history.step-parameters:}") List<String> stepParameters,
      @Value("${peakcare.history.without-gateway-passes:}") List<String> withoutGatewayPasses,
      @Value("${peakcare.history.without-activities:}") List<String> withoutActivities,
      @Value("${peakcare.history.failed-job-log-only:}") List<String> failedJobLogOnly,
      @Value("${peakcare.history.without-decision-history:}") List<String> withoutDecisionHistory,
      @Value("${peakcare.history.job-log-of-runs-only:}") List<String> jobLogOfRunsOnly) {
    this.withoutVariableDetails = names(withoutVariableDetails);
    this.machinery = names(machinery);
    this.stepParameters = names(stepParameters);
    this.withoutGatewayPasses = names(withoutGatewayPasses);
    this.withoutActivities = names(withoutActivities);
    this.failedJobLogOnly = names(failedJobLogOnly);
    this.withoutDecisionHistory = names(withoutDecisionHistory);
    this.jobLogOfRunsOnly = names(jobLogOfRunsOnly);
  }

  /** A comma-separated property as names (process keys, variable names): a blank element means none. */
  private static Set<String> names(List<String> values) {
    return values.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(0, new TrimmedDbHistoryEventHandler(this));
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  static final class TrimmedDbHistoryEventHandler extends DbHistoryEventHandler {

    private final HistoryTrim trim;

    TrimmedDbHistoryEventHandler(HistoryTrim trim) {
      this.trim = trim;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!keeps(event)) {
        return;
      }
      super.handleEvent(event);
    }

    /** Whether the database keeps this event: each trim of the class comment, one test each. */
    private boolean keeps(HistoryEvent event) {
      if (event instanceof HistoricVariableUpdateEventEntity variable
          && trim.stepParameters.contains(variable.getVariableName())) {
        return false;
      }
      if (event instanceof HistoricDecisionEvaluationEvent decision && decision.getRootHistoricDecisionInstance() != null
          && trim.withoutDecisionHistory.contains(decision.getRootHistoricDecisionInstance().getDecisionDefinitionKey())) {
        return false;
      }
      String process = event.getProcessDefinitionKey();
      if (process == null) {
        return true;
      }
      if (event instanceof HistoricActivityInstanceEventEntity activity) {
        // start and end alike: an end without its start would look the row up to update it
        return !trim.withoutActivities.contains(process) && !(trim.withoutGatewayPasses.contains(process)
            && activity.getActivityType() != null && activity.getActivityType().endsWith("Gateway"));
      }
      if (event instanceof HistoricJobLog log && (log.isCreationLog() || log.isDeletionLog())
          && trim.jobLogOfRunsOnly.contains(process)) {
        return false;
      }
      if (event instanceof HistoricJobLog log && !log.isFailureLog()) {
        return !trim.failedJobLogOnly.contains(process) && !trim.machinery.contains(process);
      }
      return !(event instanceof HistoricVariableUpdateEventEntity && trim.machinery.contains(process));
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return !trim.withoutVariableDetails.contains(event.getProcessDefinitionKey())
          && super.shouldWriteHistoricDetail(event);
    }
  }
}
