package com.peakcare.engine.gate;

import java.util.Map;
import java.util.Set;

/**
 * A feature's rules for the human tasks of one of its processes: who may become a task's assignee, who may complete
 * it and with which fields, and what a completion records. The {@link EngineGate} applies it on every path that
 * reaches the engine (Tasklist, {@code /engine-rest}, the Java API), in the transaction of the operation; a rule
 * broken is a {@link Refusal}. Features contribute one bean per process.
 */
public interface TaskPolicy {

  /** The key of the process whose tasks this policy rules. */
  String processKey();

  /**
   * {@code actor} makes {@code assignee} the task's assignee: a claim ({@code assignee} is the actor), a hand-over, or
   * an unclaim ({@code assignee} null). Refuse by throwing a {@link Refusal}; record what the case must know.
   */
  void assigning(TaskFacts task, String assignee, Actor actor);

  /** The form fields of the task: the only variables a completion may send. */
  Set<String> fields(TaskFacts task);

  /**
   * {@code actor} completes the task with {@code values} (only names of {@link #fields}, typed as sent). Refuse, or
   * record the step in the feature's records (a sign-off, a decision) and return the variables the process routes on,
   * which are all the engine gets to write.
   */
  Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor);

  /**
   * A few words that tell this task from the others of its kind on a Tasklist card (the case's number, customer and
   * amount), appended to the task's name when it is created; null for none.
   */
  default String title(TaskFacts task) {
    return null;
  }

  /** What the task's form shows besides the process variables, read from the feature's records when it loads. */
  default Map<String, Object> formValues(TaskFacts task) {
    return Map.of();
  }
}
