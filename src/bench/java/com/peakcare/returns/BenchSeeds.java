package com.peakcare.returns;

import org.camunda.bpm.engine.RuntimeService;

/**
 * Benchmark only (src/bench): starts a return case in-process with exactly the variables {@code POST /api/returns}
 * gives it, without the HTTP round trip and the view the API answers with. Lives in this package because the
 * variable mapping is package-private.
 */
public final class BenchSeeds {

  private BenchSeeds() {}

  public static String start(RuntimeService runtime, ReturnRequest request, String user) {
    return runtime.createProcessInstanceByKey(ReturnCaseProcess.KEY)
        .businessKey(request.returnNo())
        .setVariables(ReturnCases.variables(request, user))
        .execute()
        .getId();
  }

  /** The canonical JSON the API takes (the same mapper the fingerprint uses). */
  public static String json(ReturnRequest request) {
    return RequestFingerprint.json(request);
  }
}
