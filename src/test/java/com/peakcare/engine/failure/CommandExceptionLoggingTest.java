package com.peakcare.engine.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Guard of {@link CommandExceptionLogging}: the engine still decides the level of ENGINE-16004 in
 * {@code CommandContext.shouldLogFine} and still logs a refused form value at ERROR (when this fails, Camunda logs
 * user errors quietly itself and the plugin can go), and the plugin's command contexts are the ones in use. Also:
 * {@link EngineRestProblems} logs a real fault behind {@code /engine-rest} at ERROR with its stack trace.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class CommandExceptionLoggingTest {

  @Autowired ProcessEngine engine;

  @Test
  void camundaStillLogsARefusedFormValueAtErrorAndThePluginQuietsIt() {
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    FormFieldValidationException refused = new FormFieldValidationException("decisionNote", "required");
    assertThat(config.getCommandContextFactory()).isInstanceOf(CommandExceptionLogging.QuietFactory.class);
    // a command context joins the transaction: ask inside a command
    config.getCommandExecutorTxRequired().execute(commandContext -> {
      check(config, refused);
      return null;
    });
  }

  private static void check(ProcessEngineConfigurationImpl config, FormFieldValidationException refused) {
    assertThat(new CamundasOwn(config).fine(refused)).as("Camunda 7.24: a refused form value is logged at ERROR")
        .isFalse();
    CommandExceptionLogging.QuietContext quiet = new CommandExceptionLogging.QuietContext(config);
    assertThat(quiet.shouldLogFine(refused)).isTrue();
    assertThat(quiet.shouldLogFine(new NullValueException("Cannot find task with id nope: task is null"))).isTrue();
    assertThat(quiet.shouldLogFine(new ProcessEngineException("lost",
        new SQLTransientConnectionException("Connection is not available")))).as("database away").isTrue();
    assertThat(quiet.shouldLogFine(new ProcessEngineException("retried", new GatewayDown())))
        .as("an expected failure, logged by the feature").isTrue();
    assertThat(quiet.shouldLogFine(new ProcessEngineException("a bug", new NullPointerException())))
        .as("a fault stays ERROR").isFalse();
  }

  @Test
  void aRealFaultBehindTheEngineRestApiIsAnErrorWithItsStackTrace(CapturedOutput output) {
    int from = output.getAll().length();
    int status = EngineRestProblems.answer(new IllegalStateException("a bug in a delegate"), Integer.MAX_VALUE).getStatus();

    String logged = output.getAll().substring(from);
    assertThat(status).isEqualTo(500);
    assertThat(logged).contains(" ERROR ").contains("answered 500")
        .contains("java.lang.IllegalStateException: a bug in a delegate").contains("\tat ");
  }

  /** A feature's expected failure, like a notice gateway that does not answer. */
  static final class GatewayDown extends RuntimeException implements ExpectedFailure {}

  /** Camunda's own command context, to ask it what it would do. */
  static final class CamundasOwn extends CommandContext {
    CamundasOwn(ProcessEngineConfigurationImpl config) {
      super(config);
    }

    boolean fine(Throwable e) {
      return shouldLogFine(e);
    }
  }
}
