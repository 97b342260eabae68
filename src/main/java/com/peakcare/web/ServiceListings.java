package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Issue 23 (lean-complete): the engine's REST API looks its process engine up with a {@link java.util.ServiceLoader}
 * on every request, once per resource it builds ({@code EngineUtil.lookupProcessEngine}: {@code GET /engine-rest/task},
 * a claim, a completion each build one), and a service loader asks the thread's context class loader for
 * {@code META-INF/services/…} anew each time: the class loader walks every jar of the class path (about 200) for a
 * file two of them have. That walk was 3.7 % of the JVM's samples in the benchmark's claim + complete phase.
 *
 * <p>For the length of a request to the engine's APIs ({@code /engine-rest}, the webapps' {@code /camunda/api}) the
 * context class loader is this one: the same classes and resources as the container's (every call is handed to it),
 * except that the list of a service's provider files is read from it once and then remembered (the class path of a
 * running application does not change). The original loader is put back after the request.
 */
public class ServiceListings extends OncePerRequestFilter {

  private volatile Remembering remembering;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    if (original == null || original instanceof Remembering) {
      chain.doFilter(request, response);
      return;
    }
    thread.setContextClassLoader(remembering(original));
    try {
      chain.doFilter(request, response);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  /** One remembering loader per container loader (there is one: the web application's). */
  private Remembering remembering(ClassLoader original) {
    Remembering known = remembering;
    if (known == null || known.getParent() != original) {
      known = new Remembering(original);
      remembering = known;
    }
    return known;
  }

  /** Delegates everything to its parent; remembers the parent's answer to "which provider files of a service". */
  static final class Remembering extends ClassLoader {

    static final String SERVICES = "META-INF/services/";

    static {
      registerAsParallelCapable();
    }

    private final Map<String, List<URL>> listings = new ConcurrentHashMap<>();

    Remembering(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name == null || !name.startsWith(SERVICES)) {
        return getParent().getResources(name);
      }
      List<URL> known = listings.get(name);
      if (known == null) {
        known = List.copyOf(Collections.list(getParent().getResources(name)));
        listings.put(name, known);
      }
      return Collections.enumeration(known);
    }
  }
}
