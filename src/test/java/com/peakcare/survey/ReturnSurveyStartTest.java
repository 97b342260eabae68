package com.peakcare.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.engine.gate.EngineGate;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * With {@code peakcare.survey.after-returns} switched off (on by default since return-case.bpmn version 5 has no survey
 * step of its own), a closed return case starts no 回访, and the hook touches neither the engine nor the case. An
 * instance of version 4, which asked itself, gets no second survey: ReturnCaseVersion4Test.
 */
class ReturnSurveyStartTest {

  @Test
  void switchedOffAClosedReturnCaseStartsNoSurvey() {
    AtomicInteger touched = new AtomicInteger();
    ObjectProvider<EngineGate> gate = new StaticListableBeanFactory().getBeanProvider(EngineGate.class);
    DelegateExecution execution = (DelegateExecution) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DelegateExecution.class}, (proxy, method, args) -> {
          touched.incrementAndGet();
          throw new AssertionError("the hook read the execution: " + method.getName());
        });

    new ReturnSurveyStart(gate, false).reached(execution);

    assertThat(touched).hasValue(0);
  }

  @Test
  void itListensToTheReturnCasesClosedEndOnly() {
    ReturnSurveyStart start = new ReturnSurveyStart(new StaticListableBeanFactory().getBeanProvider(EngineGate.class),
        true);
    assertThat(start.processKey()).isEqualTo(ReturnSurveyProcess.RETURN_PROCESS_KEY);
    assertThat(start.endEventId()).isEqualTo(ReturnSurveyProcess.RETURN_CLOSED_END);
  }
}
