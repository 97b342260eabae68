package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves the OpenAPI document ({@code /v3/api-docs}, and {@code .yaml}) from a copy at most {@code ttl} old.
 * springdoc's own cache is off because it would keep the first document until a restart, and the document lists the
 * item categories of the shop's decision table as deployed now (a shop deploys a new row without restarting); building
 * it costs about half a second of CPU, too much for every Swagger UI page. Runs behind the security chain: only an
 * authenticated caller gets it. The document is the same for every caller and language, so one copy serves all per
 * path.
 */
final class ApiDocsCache extends OncePerRequestFilter {

  private record Copy(byte[] body, String contentType, Instant at) {}

  private final Duration ttl;
  /** One copy per path: JSON and YAML. */
  private final Map<String, Copy> copies = new ConcurrentHashMap<>();

  ApiDocsCache(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    Copy current = copies.get(path);
    if (current != null && Instant.now().isBefore(current.at().plus(ttl))) {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(current.contentType());
      response.setContentLength(current.body().length);
      response.getOutputStream().write(current.body());
      return;
    }
    ContentCachingResponseWrapper built = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, built);
    if (built.getStatus() == HttpServletResponse.SC_OK && built.getContentType() != null) {
      copies.put(path, new Copy(built.getContentAsByteArray(), built.getContentType(), Instant.now()));
    }
    built.copyBodyToResponse();
  }
}
