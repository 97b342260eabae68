package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit 7.24 asks the webapps' engine API for some lists without {@code maxResults} (a process definition's versions,
 * its job definitions), which the engine's result limit ({@code queryMaxResultsLimit}, issue 26) refuses as unbounded,
 * and the page breaks. A request of the webapps' engine API ({@code /camunda/api/engine/…}) that names no
 * {@code maxResults} is therefore given the limit as its page: such a list shows at most that many entries (2,000),
 * and a request that asks for more is still refused. Resources that do not page ignore the parameter.
 * {@code /engine-rest} is not changed: an integrator's unbounded list is a 400 naming the limit.
 * {@code WebappsUnderLimitsBrowserTest} walks Cockpit and Admin and fails on any refused call.
 */
public class WebappListPages extends OncePerRequestFilter {

  private final String page;

  public WebappListPages(int limit) {
    this.page = String.valueOf(limit);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request.getParameter("maxResults") == null ? new Paged(request, page) : request, response);
  }

  /** The request with {@code maxResults} added to its query. */
  private static final class Paged extends HttpServletRequestWrapper {
    private final String page;

    Paged(HttpServletRequest request, String page) {
      super(request);
      this.page = page;
    }

    @Override
    public String getQueryString() {
      String query = super.getQueryString();
      return (query == null || query.isEmpty() ? "" : query + "&") + "maxResults=" + page;
    }

    @Override
    public String getParameter(String name) {
      return "maxResults".equals(name) ? page : super.getParameter(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap());
      all.put("maxResults", new String[] {page});
      return Collections.unmodifiableMap(all);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return "maxResults".equals(name) ? new String[] {page} : super.getParameterValues(name);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<WebappListPages> webappListPages(
        @Value("${camunda.bpm.generic-properties.properties.queryMaxResultsLimit:2147483647}") int limit) {
      FilterRegistrationBean<WebappListPages> registration = new FilterRegistrationBean<>(new WebappListPages(limit));
      registration.addUrlPatterns("/camunda/api/engine/*");
      registration.setName("webappListPages");
      return registration;
    }
  }
}
