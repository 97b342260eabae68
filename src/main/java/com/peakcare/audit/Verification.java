package com.peakcare.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The result of checking every signature and chain link of one campaign's sign-offs. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Verification(boolean valid, int checked, String keyId, Failure firstInvalid) {

  /** The first record that fails, and why. */
  @Schema(name = "VerificationFailure")
  public record Failure(Integer seq, String id, String stage, String signerId, Instant signedAt, String reason) {}
}
