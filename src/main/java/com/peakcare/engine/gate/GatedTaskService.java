package com.peakcare.engine.gate;

import java.util.Map;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;

/** The engine's task service with {@link EngineGate}'s rules on every assignment and completion. */
class GatedTaskService extends TaskServiceImpl {

  private final EngineGate gate;

  GatedTaskService(EngineGate gate) {
    this.gate = gate;
  }

  @Override
  public void claim(String taskId, String userId) {
    gate.assign(taskId, userId, () -> {
      super.claim(taskId, userId);
      return null;
    });
  }

  @Override
  public void setAssignee(String taskId, String userId) {
    gate.assign(taskId, userId, () -> {
      super.setAssignee(taskId, userId);
      return null;
    });
  }

  /**
   * PUT /engine-rest/task/{id}, and Tasklist's follow-up date: on a PeakCare task a person changes only its follow-up
   * date here; who works on it goes through claim and hand-over ({@link #setAssignee}), the rest is the process's.
   */
  @Override
  public void saveTask(Task task) {
    gate.saving(task, () -> {
      super.saveTask(task);
      return null;
    });
  }

  @Override
  public void complete(String taskId, Map<String, Object> variables) {
    gate.complete(taskId, variables, allowed -> {
      super.complete(taskId, allowed);
      return null;
    });
  }

  @Override
  public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables,
      boolean deserializeValues) {
    return gate.complete(taskId, variables,
        allowed -> super.completeWithVariablesInReturn(taskId, allowed, deserializeValues));
  }

  @Override
  public void addUserIdentityLink(String taskId, String userId, String identityLinkType) {
    if (IdentityLinkType.ASSIGNEE.equals(identityLinkType)) {
      setAssignee(taskId, userId);
      return;
    }
    gate.administrative(taskId, () -> {
      super.addUserIdentityLink(taskId, userId, identityLinkType);
      return null;
    });
  }

  @Override
  public void deleteUserIdentityLink(String taskId, String userId, String identityLinkType) {
    if (IdentityLinkType.ASSIGNEE.equals(identityLinkType)) {
      setAssignee(taskId, null);
      return;
    }
    gate.administrative(taskId, () -> {
      super.deleteUserIdentityLink(taskId, userId, identityLinkType);
      return null;
    });
  }

  @Override
  public void addCandidateUser(String taskId, String userId) {
    gate.administrative(taskId, () -> {
      super.addCandidateUser(taskId, userId);
      return null;
    });
  }

  @Override
  public void addCandidateGroup(String taskId, String groupId) {
    gate.administrative(taskId, () -> {
      super.addCandidateGroup(taskId, groupId);
      return null;
    });
  }

  @Override
  public void addGroupIdentityLink(String taskId, String groupId, String identityLinkType) {
    gate.administrative(taskId, () -> {
      super.addGroupIdentityLink(taskId, groupId, identityLinkType);
      return null;
    });
  }

  @Override
  public void deleteCandidateUser(String taskId, String userId) {
    gate.administrative(taskId, () -> {
      super.deleteCandidateUser(taskId, userId);
      return null;
    });
  }

  @Override
  public void deleteCandidateGroup(String taskId, String groupId) {
    gate.administrative(taskId, () -> {
      super.deleteCandidateGroup(taskId, groupId);
      return null;
    });
  }

  @Override
  public void deleteGroupIdentityLink(String taskId, String groupId, String identityLinkType) {
    gate.administrative(taskId, () -> {
      super.deleteGroupIdentityLink(taskId, groupId, identityLinkType);
      return null;
    });
  }

  @Override
  public void setOwner(String taskId, String userId) {
    gate.administrative(taskId, () -> {
      super.setOwner(taskId, userId);
      return null;
    });
  }
}
