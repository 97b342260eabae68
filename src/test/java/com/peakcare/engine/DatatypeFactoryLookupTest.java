package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 (lean-complete, {@link DatatypeFactoryLookup}): the engine's timers get the JDK's own {@link DatatypeFactory}
 * named by the system property, without a service loader's walk of the class path; and that is the factory they got
 * before, because no jar of the class path offers another (should one arrive, this test fails: the property would
 * then choose between them).
 */
@PeakCareTest
class DatatypeFactoryLookupTest {

  @Test
  void theJdksOwnFactoryIsNamedAndNoOtherIsOffered() throws Exception {
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    assertThat(DatatypeFactory.newInstance().getClass().getName())
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    assertThat(ServiceLoader.load(DatatypeFactory.class).iterator().hasNext())
        .as("a DatatypeFactory provider on the class path").isFalse();
    assertThat(ServiceLoader.load(DatatypeFactory.class, DatatypeFactoryLookupTest.class.getClassLoader())
        .iterator().hasNext()).as("a DatatypeFactory provider on the class path").isFalse();
  }
}
