package com.peakcare.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No state change from another site (issue 26): the APIs that take HTTP Basic ({@code /api}, {@code /engine-rest})
 * answer a request that changes something (POST, PUT, PATCH, DELETE) with a 403 problem, before it reaches a
 * controller or the engine, when
 * <ol>
 *   <li>the browser says it comes from another site: {@code Sec-Fetch-Site: cross-site} or {@code same-site} (another
 *       port or subdomain of the same site is not this service);</li>
 *   <li>it carries an {@code Origin} that is not this service's own ({@code scheme://host:port} as the request names
 *       it) nor one of {@code peakcare.web.allowed-origins} ({@code Origin: null} included);</li>
 *   <li>it does not carry a header that an HTML form cannot send: a JSON content type ({@code application/json},
 *       {@code application/*+json}) or {@value #HEADER} (any value, e.g. the client's name). A form sends
 *       {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or {@code text/plain}, so a form can
 *       reach nothing; uploads ({@code multipart/form-data}: deployments, attachments) and other bodies need the header.
 *       A request with neither body nor content type (a bodiless POST as curl and the generated clients send it) needs
 *       the header only when it comes from a browser page (it carries {@code Origin} or {@code Sec-Fetch-*}): a form
 *       always sends a content type, and every other request a page can make carries {@code Origin}.</li>
 * </ol>
 * Deploying ({@code /engine-rest/deployment/create}) is an administrator's act that never comes from a browser form:
 * it needs {@value #HEADER} in every case. Why a request was refused is logged in one line ({@link RefusalLog}). The
 * browser's cached Basic credentials are what such a page would use; the webapps ({@code /camunda}) have their own
 * session and CSRF token and are not behind this filter. Swagger UI adds {@value #HEADER} itself ({@link SwaggerUiHeader}).
 */
public class CrossSiteGuard extends OncePerRequestFilter {

  /** The header a form cannot send: integrators' clients add it to uploads and bodies that are not JSON. */
  public static final String HEADER = "X-Requested-By";
  private static final Logger log = LoggerFactory.getLogger(CrossSiteGuard.class);
  private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final Set<String> allowedOrigins;

  public CrossSiteGuard(Set<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins.stream().map(CrossSiteGuard::normalised).filter(o -> o != null)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String why = CHANGING.contains(request.getMethod().toUpperCase(Locale.ROOT)) ? refusal(request) : null;
    if (why == null) {
      chain.doFilter(request, response);
      return;
    }
    Principal user = request.getUserPrincipal();
    RefusalLog.info(log, "cross-site", "{} {}{} refused: {}", request.getMethod(), request.getRequestURI(),
        user == null ? "" : " by " + user.getName(), why);
    ProblemWriter.write(response, HttpStatus.FORBIDDEN, "拒绝：此请求可能来自其他网站的页面 · Refused: this request may "
        + "come from another site's page (" + why + "). Send JSON, or add the header " + HEADER + " to uploads and "
        + "requests without a body.");
  }

  /** Why the request is refused, or null. */
  String refusal(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
      return "Sec-Fetch-Site: " + site;
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      String normalised = normalised(origin);
      if (normalised == null || !normalised.equals(ownOrigin(request)) && !allowedOrigins.contains(normalised)) {
        return "Origin " + origin + " is not this service's";
      }
    }
    String custom = request.getHeader(HEADER);
    if (custom != null && !custom.isBlank()) {
      return null;
    }
    if (request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/deployment/create")) {
      return "a deployment needs the header " + HEADER;
    }
    String type = request.getContentType();
    if (type != null) {
      return JsonLimits.isJson(type) ? null : "Content-Type " + type + " without " + HEADER;
    }
    boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    if (body) {
      return "a body without Content-Type or " + HEADER;
    }
    boolean browser = origin != null || site != null || request.getHeader("Sec-Fetch-Mode") != null;
    return browser ? "a page's request without a body needs " + HEADER : null;
  }

  private static String ownOrigin(HttpServletRequest request) {
    return normalised(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
  }

  /** {@code scheme://host:port} in lower case with the port always given, or null when it is not an origin. */
  static String normalised(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme == null || uri.getHost() == null || !scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
