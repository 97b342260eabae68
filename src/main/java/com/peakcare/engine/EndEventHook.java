package com.peakcare.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A feature's hook on another feature's model without touching it (issue 24: the 回访 after a return case closes): the
 * engine calls {@link #reached} when an instance of {@link #processKey()} reaches the end event {@link #endEventId()},
 * in that transaction (a step that rolls back calls nothing for good). Contributed as a bean; {@link EndEventHooks}
 * adds it to the model as it is deployed.
 */
public interface EndEventHook {

  String processKey();

  String endEventId();

  void reached(DelegateExecution execution);
}
