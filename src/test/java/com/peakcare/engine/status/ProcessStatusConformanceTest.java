package com.peakcare.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15: status is derived from where the process is, for every process whose feature keeps a status. Every wait
 * state (user and receive tasks, catch events, event-based gateways, asynchronous steps) and every end event of the
 * deployed model either has its status in the feature's map or is declared as keeping the status it had, with a
 * reason; every element id of the maps exists in the model; every status is a value the feature knows. A new wait
 * state without a status, or a renamed element, fails here by name.
 */
@PeakCareTest
class ProcessStatusConformanceTest {

  @Autowired List<ProcessStatuses> features;
  @Autowired RepositoryService repository;

  @Test
  void everyWaitStateAndEndEventOfEveryModelHasItsStatus() {
    assertThat(features).extracting(ProcessStatuses::processKey)
        .contains("return-case", "campaign-check", "campaign-briefing");
    List<String> problems = new ArrayList<>();
    for (ProcessStatuses feature : features) {
      BpmnModelInstance model = model(feature.processKey());
      Set<String> ids = new TreeSet<>();
      model.getModelElementsByType(FlowElement.class).forEach(e -> ids.add(e.getId()));
      for (FlowNode node : waitStatesAndEnds(model)) {
        String id = node.getId();
        boolean mapped = feature.statuses().containsKey(id) || feature.statuses().containsKey(id + ProcessStatuses.LEFT);
        if (!mapped && !feature.keepsStatus().containsKey(id)) {
          problems.add(feature.processKey() + ": " + id + " (" + node.getElementType().getTypeName()
              + ") has no status and is not declared as keeping one");
        }
        if (mapped && feature.keepsStatus().containsKey(id)) {
          problems.add(feature.processKey() + ": " + id + " both has a status and keeps one");
        }
      }
      for (String key : feature.statuses().keySet()) {
        String id = key.endsWith(ProcessStatuses.LEFT) ? key.substring(0, key.length() - ProcessStatuses.LEFT.length())
            : key;
        if (!ids.contains(id)) {
          problems.add(feature.processKey() + ": the status map names " + id + ", which the model does not have");
        }
      }
      for (String id : feature.keepsStatus().keySet()) {
        if (!ids.contains(id)) {
          problems.add(feature.processKey() + ": keepsStatus names " + id + ", which the model does not have");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private BpmnModelInstance model(String key) {
    String id = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        .getId();
    return repository.getBpmnModelInstance(id);
  }

  static Collection<FlowNode> waitStatesAndEnds(BpmnModelInstance model) {
    List<FlowNode> nodes = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      boolean async = node instanceof Activity a && a.isCamundaAsyncBefore();
      if (node instanceof UserTask || node instanceof ReceiveTask || node instanceof IntermediateCatchEvent
          || node instanceof EventBasedGateway || node instanceof EndEvent || async) {
        nodes.add(node);
      }
    }
    return nodes;
  }
}
