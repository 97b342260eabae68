package com.peakcare.returns;

/**
 * A refund the provider refused (a 4xx such as "account closed"), or one that cannot be sent as asked: repeating
 * the same request cannot succeed. the engine's NoRetryFailures turns it into an incident at once instead of
 * spending the step's retries; an operator fixes the cause and retries the incident in Cockpit.
 */
class RefundRefusedException extends RuntimeException implements com.peakcare.engine.failure.FailsAtOnce {

  RefundRefusedException(String message) {
    super(message);
  }
}
