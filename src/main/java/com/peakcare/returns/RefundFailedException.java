package com.peakcare.returns;

/**
 * A refund attempt that may succeed when repeated: the provider timed out, was unreachable, answered 5xx or said
 * "still in progress". The refund step fails and Camunda retries it (Task_IssueRefund: R5/PT1M), each time with
 * the same idempotency key, then raises an incident.
 */
class RefundFailedException extends RuntimeException {

  RefundFailedException(String message) {
    super(message);
  }

  RefundFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
