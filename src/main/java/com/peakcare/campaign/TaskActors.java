package com.peakcare.campaign;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is completing a task: the engine's authenticated user (Tasklist, /engine-rest) or else its assignee. */
final class TaskActors {

  static String actor(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = auth == null ? null : auth.getUserId();
    String assignee = task.getAssignee();
    if (user != null && assignee != null && !user.equals(assignee)) {
      throw new CheckRefusedException(null, "this task is assigned to " + assignee + "; only " + assignee
          + " can sign it (" + user + " cannot sign for someone else)");
    }
    String actor = user != null ? user : assignee;
    if (actor == null) {
      throw new CheckRefusedException(null, "claim the task first: a sign-off needs a named signer");
    }
    return actor;
  }

  private TaskActors() {}
}
