package com.peakcare.engine;

import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Issue 23 (lean-complete): every timer the engine schedules by a duration ({@code DurationHelper}: the review's and
 * the inspection's SLA, the parcel reminder and limit, the refund promise) calls {@link DatatypeFactory#newInstance()},
 * and without the system property {@value DatatypeFactory#DATATYPEFACTORY_PROPERTY} the JDK looks for a provider with
 * a service loader over the thread's context class loader each time: a walk of every jar of the class path for a
 * file none of them has (2.2 % of the JVM's samples in the benchmark's claim + complete phase). With no provider on the
 * class path the JDK then uses its own; naming that same implementation in the property skips the walk and changes
 * nothing else. A property set on the command line ({@code -Djavax.xml.datatype.DatatypeFactory=…}) wins.
 * Test: {@code DatatypeFactoryLookupTest}.
 */
@Component
class DatatypeFactoryLookup extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
          DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
  }
}
