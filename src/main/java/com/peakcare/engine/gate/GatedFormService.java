package com.peakcare.engine.gate;

import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's form service with {@link EngineGate}'s rules: a submitted task form is a completion, a submitted start
 * form of a PeakCare process goes through the feature's door, and a task form shows the facts of the feature's
 * records as well as the process variables.
 */
class GatedFormService extends FormServiceImpl {

  private final EngineGate gate;

  GatedFormService(EngineGate gate) {
    this.gate = gate;
  }

  @Override
  public void submitTaskForm(String taskId, Map<String, Object> properties) {
    gate.complete(taskId, properties, allowed -> {
      super.submitTaskForm(taskId, allowed);
      return null;
    });
  }

  @Override
  public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
      boolean deserializeValues) {
    return gate.complete(taskId, properties,
        allowed -> super.submitTaskFormWithVariablesInReturn(taskId, allowed, deserializeValues));
  }

  @Override
  public ProcessInstance submitStartForm(String processDefinitionId, Map<String, Object> properties) {
    return submitStartForm(processDefinitionId, null, properties);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public ProcessInstance submitStartFormData(String processDefinitionId, Map<String, String> properties) {
    return submitStartForm(processDefinitionId, null, (Map) properties);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public ProcessInstance submitStartFormData(String processDefinitionId, String businessKey,
      Map<String, String> properties) {
    return submitStartForm(processDefinitionId, businessKey, (Map) properties);
  }

  @Override
  public ProcessInstance submitStartForm(String processDefinitionId, String businessKey,
      Map<String, Object> properties) {
    return gate.start(null, processDefinitionId, businessKey, properties, false,
        () -> super.submitStartForm(processDefinitionId, businessKey, properties));
  }

  @Override
  public VariableMap getStartFormVariables(String processDefinitionId) {
    return gate.startFormVariables(processDefinitionId, super.getStartFormVariables(processDefinitionId), null);
  }

  @Override
  public VariableMap getStartFormVariables(String processDefinitionId, Collection<String> formVariables,
      boolean deserializeObjectValues) {
    return gate.startFormVariables(processDefinitionId,
        super.getStartFormVariables(processDefinitionId, formVariables, deserializeObjectValues), formVariables);
  }

  @Override
  public VariableMap getTaskFormVariables(String taskId) {
    return gate.formVariables(taskId, super.getTaskFormVariables(taskId), null);
  }

  @Override
  public VariableMap getTaskFormVariables(String taskId, Collection<String> formVariables,
      boolean deserializeObjectValues) {
    return gate.formVariables(taskId, super.getTaskFormVariables(taskId, formVariables, deserializeObjectValues),
        formVariables);
  }
}
