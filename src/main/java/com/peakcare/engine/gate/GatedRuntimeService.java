package com.peakcare.engine.gate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.RuntimeServiceImpl;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import jakarta.ws.rs.core.Response.Status;

/**
 * The engine's runtime service with {@link EngineGate}'s rules on starts: every {@code startProcessInstanceBy…} and
 * {@code createProcessInstanceBy…} goes through a builder that remembers what was asked and lets the gate decide when
 * it is executed.
 */
class GatedRuntimeService extends RuntimeServiceImpl {

  private final EngineGate gate;

  GatedRuntimeService(EngineGate gate) {
    this.gate = gate;
  }

  @Override
  public ProcessInstantiationBuilder createProcessInstanceByKey(String processDefinitionKey) {
    return new Instantiation(super.createProcessInstanceByKey(processDefinitionKey), processDefinitionKey, null);
  }

  @Override
  public ProcessInstantiationBuilder createProcessInstanceById(String processDefinitionId) {
    return new Instantiation(super.createProcessInstanceById(processDefinitionId), null, processDefinitionId);
  }

  /** Camunda's builder, with what the caller asked for kept for the gate. */
  private final class Instantiation implements ProcessInstantiationBuilder {
    private final ProcessInstantiationBuilder engine;
    private final String key;
    private final String id;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private String businessKey;
    private boolean instructions;

    Instantiation(ProcessInstantiationBuilder engine, String key, String id) {
      this.engine = engine;
      this.key = key;
      this.id = id;
    }

    @Override
    public ProcessInstantiationBuilder startBeforeActivity(String activityId) {
      instructions = true;
      engine.startBeforeActivity(activityId);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder startAfterActivity(String activityId) {
      instructions = true;
      engine.startAfterActivity(activityId);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder startTransition(String transitionId) {
      instructions = true;
      engine.startTransition(transitionId);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder setVariable(String name, Object value) {
      variables.put(name, value);
      engine.setVariable(name, value);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder setVariableLocal(String name, Object value) {
      instructions = true; // local variables belong to an instruction's activity
      engine.setVariableLocal(name, value);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder setVariables(Map<String, Object> values) {
      if (values != null) {
        variables.putAll(values);
      }
      engine.setVariables(values);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder setVariablesLocal(Map<String, Object> values) {
      instructions = instructions || values != null && !values.isEmpty();
      engine.setVariablesLocal(values);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder processDefinitionTenantId(String tenantId) {
      engine.processDefinitionTenantId(tenantId);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder processDefinitionWithoutTenantId() {
      engine.processDefinitionWithoutTenantId();
      return this;
    }

    @Override
    public ProcessInstantiationBuilder businessKey(String businessKey) {
      this.businessKey = businessKey;
      engine.businessKey(businessKey);
      return this;
    }

    @Override
    public ProcessInstantiationBuilder caseInstanceId(String caseInstanceId) {
      engine.caseInstanceId(caseInstanceId);
      return this;
    }

    @Override
    public ProcessInstance execute() {
      return execute(false, false);
    }

    @Override
    public ProcessInstance execute(boolean skipCustomListeners, boolean skipIoMappings) {
      return executeWithVariablesInReturn(skipCustomListeners, skipIoMappings);
    }

    @Override
    public ProcessInstanceWithVariables executeWithVariablesInReturn() {
      return executeWithVariablesInReturn(false, false);
    }

    @Override
    public ProcessInstanceWithVariables executeWithVariablesInReturn(boolean skipCustomListeners,
        boolean skipIoMappings) {
      try {
        return (ProcessInstanceWithVariables) gate.start(key, id, businessKey, variables,
            instructions || skipCustomListeners || skipIoMappings,
            () -> engine.executeWithVariablesInReturn(skipCustomListeners, skipIoMappings));
      } catch (Refusal.Invalid invalid) {
        // Camunda's REST start answers any engine exception with 500; a wrong form value is the caller's 400
        throw new InvalidRequestException(Status.BAD_REQUEST, invalid, invalid.getMessage());
      }
    }
  }
}
