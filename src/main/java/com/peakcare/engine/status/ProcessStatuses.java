package com.peakcare.engine.status;

import java.util.Map;

/**
 * Where a process stands, as its feature's record shows it (a return case's status, a campaign's stage): declared
 * once per process as a map from element id to status, and applied by {@link DerivedStatus} whenever the process
 * reaches one of those elements, on whatever path it got there (including a Cockpit modification that skips
 * listeners). An element id with {@value #LEFT} applies when the process leaves the element.
 */
public interface ProcessStatuses {

  String LEFT = ":end";

  String processKey();

  /** Element id (or element id + {@link #LEFT}) → status. */
  Map<String, String> statuses();

  /**
   * The wait states and end events that keep the status the process had when it got there, each with the reason (a
   * supervisor's escalation beside the task it escalates, a second try of the same step). Every other wait state and
   * end event has its own status in {@link #statuses()}: ProcessStatusConformanceTest holds each model to that.
   */
  default Map<String, String> keepsStatus() {
    return Map.of();
  }

  /** Records the status on the record of the case the process instance runs (its business key). */
  void apply(String businessKey, String processInstanceId, String status);
}
