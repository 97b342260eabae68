package com.peakcare.returns;

import com.peakcare.web.Fingerprints;

/**
 * Benchmark only (src/bench): opens a return case in-process through the same service as Tasklist's start form (the
 * record first, then its process), without the HTTP round trip and the view the API answers with. Lives in this
 * package because {@link ReturnCases#openFromForm} is package-private.
 */
public final class BenchSeeds {

  private BenchSeeds() {}

  public static String start(ReturnCases cases, ReturnRequest request, String user) {
    return cases.openFromForm(request, user).getId();
  }

  /** The canonical JSON the API takes (the same mapper the fingerprint uses). */
  public static String json(ReturnRequest request) {
    return RequestFingerprint.json(request);
  }

  /** Any value (an order's snapshot) as the API's JSON. */
  public static String json(Object value) {
    return Fingerprints.json(value);
  }
}
