package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a 400 problem, before anything else runs, to a request whose path says one thing encoded and another once
 * the servlet container has decoded and normalised it: {@code /engine%2Drest/…}, {@code /camunda/../engine-rest/…},
 * {@code /engine-rest;x=1/…}. The container would hand such a request to the engine's API while the raw path matches
 * no security rule (Spring's own path parser then fails with a 500 and a stack trace). No client of PeakCare needs
 * them; the refusal is logged in one line.
 */
public class PathGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(PathGuard.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String raw = request.getRequestURI();
    String prefix = request.getContextPath() + request.getServletPath();
    boolean prefixServlet = request.getHttpServletMapping() != null
        && request.getHttpServletMapping().getMappingMatch() == MappingMatch.PATH;
    if (raw.indexOf(';') >= 0 || raw.contains("/../") || raw.endsWith("/..") || raw.contains("/./")
        || prefixServlet && !raw.startsWith(prefix)) {
      RefusalLog.info(log, "path", "refused an ambiguous request path {} (served as {})", raw, prefix);
      ProblemWriter.write(response, HttpStatus.BAD_REQUEST, "请求路径不合规范：请不要编码或省略路径中的字符 · The request "
          + "path is not in its plain form: do not encode, dot or parameterise its segments");
      return;
    }
    chain.doFilter(request, response);
  }
}
