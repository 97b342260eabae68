package com.peakcare.engine.failure;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * A failure marked {@link FailsAtOnce} (a refund the provider refused, one the case record does not owe) becomes an
 * incident on its first failure instead of after five retries a minute apart: repeating it cannot succeed, and an
 * operator should see it now, with its message.
 *
 * <p>Camunda 7 has no per-exception retry rule: a failing job always spends its retry cycle. Setting the job's retries
 * to 0 from the delegate does not help either, since the failure rolls that change back. This plugin wraps the
 * engine's failed-job command (which runs after the rollback, in its own transaction): when the failure is, or is
 * caused by, a {@link FailsAtOnce} failure, the standard command records the exception as usual and then sets
 * the retries to 0, which raises the incident with the exception's message. Every other failure is handled by the
 * engine's own command, unchanged. Guarded by {@code RefundGatewayProcessTest}: one attempt, retries 0, incident.
 */
@Component
class NoRetryFailures extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory standard = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) -> refused(exception)
        ? new NoRetryCmd(jobId, exception)
        : standard.getCommand(jobId, exception));
  }

  static boolean refused(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FailsAtOnce) {
        return true;
      }
    }
    return false;
  }

  /** The engine's own retry command, except that it leaves no retries. */
  static final class NoRetryCmd extends DefaultJobRetryCmd {

    NoRetryCmd(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    protected void decrementRetries(JobEntity job) {
      job.setRetries(0);
    }
  }
}
