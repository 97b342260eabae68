package com.peakcare.engine.failure;

import jakarta.ws.rs.WebApplicationException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.FormException;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Tells what is not a fault of PeakCare's among the engine's exceptions: a caller's mistake (a request for something
 * that does not exist or is not allowed, a form value a rule refuses, a task someone else completed or claimed
 * first) or an {@link ExpectedFailure} a feature has logged itself. Those are logged as one line; only a fault
 * deserves a stack trace.
 */
final class FailureKinds {

  static boolean notAFault(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (t instanceof BadUserRequestException || t instanceof NullValueException || t instanceof FormException
          || t instanceof AuthorizationException || t instanceof OptimisticLockingException
          || t instanceof TaskAlreadyClaimedException || t instanceof ExpectedFailure) {
        return true;
      }
      if (t instanceof RestException rest && rest.getStatus() != null && rest.getStatus().getStatusCode() < 500) {
        return true;
      }
      if (t instanceof WebApplicationException web && web.getResponse() != null
          && web.getResponse().getStatus() < 500) {
        return true;
      }
    }
    return false;
  }

  /** {@code Type: message}, on one line and at most 300 characters. */
  static String oneLine(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage().replaceAll("\\s+", " ").trim();
    String line = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  private FailureKinds() {}
}
