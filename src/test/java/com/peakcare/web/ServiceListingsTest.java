package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 23 (lean-complete, {@link ServiceListings}): during a request to the engine's APIs the context class loader
 * answers a service's provider files from memory after the first time, and everything else as the container's loader
 * does; the container's loader is back after the request.
 */
class ServiceListingsTest {

  private static final String PROVIDERS = "META-INF/services/" + ProcessEngineProvider.class.getName();

  /** The container's loader, counting how often it is asked for a resource list. */
  static final class Counting extends ClassLoader {
    final AtomicInteger services = new AtomicInteger();
    final AtomicInteger others = new AtomicInteger();

    Counting(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      (name.startsWith("META-INF/services/") ? services : others).incrementAndGet();
      return super.getResources(name);
    }
  }

  @Test
  void providerFilesAreReadOnceAndEverythingElseIsTheContainersAnswer() throws Exception {
    Counting container = new Counting(ServiceListingsTest.class.getClassLoader());
    ServiceListings.Remembering remembering = new ServiceListings.Remembering(container);

    List<URL> first = Collections.list(remembering.getResources(PROVIDERS));
    List<URL> second = Collections.list(remembering.getResources(PROVIDERS));
    assertThat(first).isNotEmpty().isEqualTo(Collections.list(container.getResources(PROVIDERS)));
    assertThat(second).isEqualTo(first);
    assertThat(container.services).as("asked the container: twice through it would be 3").hasValue(2);

    // other resources and classes: the container's, every time
    Collections.list(remembering.getResources("META-INF/MANIFEST.MF"));
    Collections.list(remembering.getResources("META-INF/MANIFEST.MF"));
    assertThat(container.others).hasValue(2);
    assertThat(remembering.loadClass(ProcessEngineProvider.class.getName())).isSameAs(ProcessEngineProvider.class);
    assertThat(remembering.getResource("META-INF/MANIFEST.MF")).isEqualTo(container.getResource("META-INF/MANIFEST.MF"));

    // a service loader through it finds the providers the container's finds
    assertThat(names(ServiceLoader.load(ProcessEngineProvider.class, remembering)))
        .isNotEmpty().isEqualTo(names(ServiceLoader.load(ProcessEngineProvider.class, container)));
  }

  @Test
  void theRequestRunsWithTheRememberingLoaderAndTheContainersIsBackAfterIt() throws Exception {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    AtomicReference<ClassLoader> during = new AtomicReference<>();
    FilterChain chain = (req, res) -> during.set(Thread.currentThread().getContextClassLoader());
    ServiceListings filter = new ServiceListings();
    filter.doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), new MockHttpServletResponse(), chain);
    assertThat(during.get()).isInstanceOf(ServiceListings.Remembering.class);
    assertThat(during.get().getParent()).isSameAs(before);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    ClassLoader first = during.get();

    // the same remembering loader for the next request, and after a failing one the container's is back too
    FilterChain failing = (req, res) -> {
      during.set(Thread.currentThread().getContextClassLoader());
      throw new IllegalStateException("boom");
    };
    assertThatThrownBy(() -> new MockFilterCall(filter).run(failing)).hasMessage("boom");
    assertThat(during.get()).isSameAs(first);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  private record MockFilterCall(ServiceListings filter) {
    void run(FilterChain chain) throws Exception {
      filter.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/1/claim"), new MockHttpServletResponse(),
          chain);
    }
  }

  private static List<String> names(ServiceLoader<ProcessEngineProvider> loader) {
    List<String> names = new ArrayList<>();
    loader.stream().forEach(p -> names.add(p.type().getName()));
    return names;
  }
}
