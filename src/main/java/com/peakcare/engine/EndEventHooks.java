package com.peakcare.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds each {@link EndEventHook} bean to its model at deployment: a built-in start listener on the named end event
 * (so it runs however the instance got there, and a Cockpit modification that skips custom listeners still runs it).
 * The hooks are looked up when the listener runs, not when the engine is built (they may need the engine's services).
 */
@Component
class EndEventHooks extends AbstractProcessEnginePlugin {

  private final ObjectProvider<EndEventHook> hooks;

  EndEventHooks(ObjectProvider<EndEventHook> hooks) {
    this.hooks = hooks;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
        if (!(activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition)) {
          return;
        }
        String key = definition.getKey();
        String id = activity.getId();
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> hooks.orderedStream()
            .filter(h -> h.processKey().equals(key) && h.endEventId().equals(id))
            .forEach(h -> h.reached(execution)));
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
