package com.peakcare.engine.failure;

import com.peakcare.web.DatabaseOutage;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda logs every exception that leaves an engine command as {@code ENGINE-16004 Exception while closing command
 * context} at ERROR with its stack trace (logger {@code org.camunda.bpm.engine.context}), except optimistic locking,
 * bad user requests and authorization failures, which it logs at DEBUG. A form value that a rule refuses (a
 * {@code FormFieldValidationException}, answered 400), a task that someone else already completed (answered by
 * Camunda's REST API as 500 "Cannot find task"), a lost database connection (answered 503) or a notice gateway that
 * did not answer (every retry of the delivery job, see {@link ExpectedFailure}) were therefore a stack trace of some
 * 200 lines each. This plugin makes the engine log those at DEBUG as well: the REST API and PeakCare's
 * API log one line for each (see {@link EngineRestProblems}, {@code web.DatabaseOutageProblems}), and real faults
 * keep their ERROR with the stack trace. The hook is the engine's {@code CommandContextFactory}, whose command
 * contexts decide the level in {@code CommandContext.shouldLogFine}; {@code CommandExceptionLoggingTest} tells when an
 * upgrade makes this obsolete or breaks it.
 */
@Component
class CommandExceptionLogging extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the engine wires its configuration into a factory only when it creates the factory itself
    QuietFactory factory = new QuietFactory();
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);
  }

  static final class QuietFactory extends CommandContextFactory {
    @Override
    public CommandContext createCommandContext() {
      return new QuietContext(getProcessEngineConfiguration());
    }
  }

  static final class QuietContext extends CommandContext {
    QuietContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      return super.shouldLogFine(exception) || FailureKinds.notAFault(exception) || DatabaseOutage.causedBy(exception);
    }
  }
}
