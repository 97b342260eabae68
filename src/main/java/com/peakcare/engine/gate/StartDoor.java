package com.peakcare.engine.gate;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;

/**
 * How a person starts one of PeakCare's processes through the engine (Tasklist's start form, {@code /engine-rest}
 * start or submit-form): the feature takes the form's values as its own command, validates and registers it like its
 * API does, and starts the process itself ({@link EngineGate#asPeakCare}). A rule broken is a {@link Refusal} (400
 * naming the field), and nothing is written.
 */
public interface StartDoor {

  String processKey();

  ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor);

  /** What the start form shows besides its fields' defaults (choices read from the feature's records). */
  default Map<String, Object> startFormValues() {
    return Map.of();
  }
}
