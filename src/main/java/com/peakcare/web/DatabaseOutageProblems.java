package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * While the database is away, every request that needs it answers {@code 503} with {@code Retry-After} as a problem
 * response (see {@link DatabaseOutage}) instead of a {@code 500} with a stack trace in the log:
 * <ul>
 *   <li>Spring MVC ({@code /api}): a resolver ahead of the controller advice, which would answer 500;</li>
 *   <li>everything that fails before a controller, e.g. checking an HTTP Basic login against Camunda's users or
 *       reading a webapp session: the outermost servlet filter.</li>
 * </ul>
 * The engine's REST API ({@code /engine-rest}) maps its exceptions itself; see {@code engine.EngineRestProblems}.
 */
@Configuration
class DatabaseOutageProblems {

  static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

  static void logAnswered(HttpServletRequest request, Throwable failure) {
    log.warn("database unreachable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
        DatabaseOutage.rootCause(failure));
  }

  /** Outermost, so that it also sees failures of Spring Session and Spring Security. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilter() {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
          if (!DatabaseOutage.causedBy(e) || !DatabaseOutage.write(response, request.getRequestURI())) {
            throw e;
          }
          logAnswered(request, e);
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("databaseOutageFilter");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Ahead of the {@code @ExceptionHandler}s (order 0), behind Spring Boot's error attributes (resolving nothing). */
  @Bean
  HandlerExceptionResolver databaseOutageResolver() {
    return new OrderedResolver();
  }

  static final class OrderedResolver implements HandlerExceptionResolver, Ordered {
    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
        Exception ex) {
      if (!DatabaseOutage.causedBy(ex)) {
        return null;
      }
      try {
        if (!DatabaseOutage.write(response, request.getRequestURI())) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
      logAnswered(request, ex);
      return new ModelAndView();
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE + 10;
    }
  }
}
