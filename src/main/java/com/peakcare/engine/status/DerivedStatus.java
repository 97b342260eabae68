package com.peakcare.engine.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Applies each process's {@link ProcessStatuses} from one place: the engine's history events of activity instances,
 * which the engine produces for every element entered and left, whatever path the process took (no execution listener
 * per element, which a modification with {@code skipCustomListeners} would skip). It runs in the transaction of the
 * step, so the record's status and the process's position commit together.
 */
@Component
class DerivedStatus extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  private final ObjectProvider<ProcessStatuses> beans;
  private volatile Map<String, ProcessStatuses> byKey;

  DerivedStatus(ObjectProvider<ProcessStatuses> beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!configuration.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, null)) {
      throw new IllegalStateException("PeakCare derives each case's status from the engine's activity history: "
          + "history level " + configuration.getHistoryLevel().getName() + " produces none (use activity or above)");
    }
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!(event instanceof HistoricActivityInstanceEventEntity activity) || event.getProcessDefinitionKey() == null) {
      return;
    }
    ProcessStatuses statuses = statuses().get(event.getProcessDefinitionKey());
    if (statuses == null) {
      return;
    }
    String status;
    if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
      status = statuses.statuses().get(activity.getActivityId());
    } else if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
      status = statuses.statuses().get(activity.getActivityId() + ProcessStatuses.LEFT);
    } else {
      return;
    }
    if (status != null) {
      ExecutionEntity instance = Context.getCommandContext().getExecutionManager()
          .findExecutionById(activity.getProcessInstanceId());
      statuses.apply(instance == null ? null : instance.getBusinessKey(), activity.getProcessInstanceId(), status);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private Map<String, ProcessStatuses> statuses() {
    if (byKey == null) {
      Map<String, ProcessStatuses> map = new HashMap<>();
      beans.orderedStream().forEach(s -> map.put(s.processKey(), s));
      byKey = Map.copyOf(map);
    }
    return byKey;
  }
}
