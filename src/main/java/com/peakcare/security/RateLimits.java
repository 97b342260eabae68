package com.peakcare.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.peakcare.engine.WebappUsers;
import com.peakcare.web.ProblemWriter;
import com.peakcare.web.RefusalLog;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A per-account rate limit (issue 26, issue 20 point 7): each rule of {@code peakcare.rate-limit.rules} names methods
 * and path patterns and how many such requests one account may make ({@code capacity}, refilled evenly over
 * {@code per}); the first rule whose method and path match a request counts it, in a token bucket of that account and
 * rule (Bucket4j). Beyond it: a 429 problem with {@code Retry-After} (seconds until the next request of the kind is
 * allowed), logged in one line ({@link RefusalLog}). It holds on every door that costs: {@code /api},
 * {@code /engine-rest} (as the Basic user) and the webapps' engine API {@code /camunda/api/engine/engine/{name}/…}
 * (as the session's user; its paths are matched as the same {@code /engine-rest/…}). The buckets are per node (held in
 * memory, forgotten after an idle hour): behind a balancer with n nodes an account gets at most n times the limit.
 * Anonymous requests never get this far (401).
 */
public class RateLimits extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
  private static final Pattern WEBAPP_ENGINE = Pattern.compile("^/camunda/api/engine/engine/[^/]+(/.*)?$");

  /** The rules as configured, in order. */
  @ConfigurationProperties("peakcare.rate-limit")
  public record Settings(Map<String, Rule> rules) {
    public Settings {
      rules = rules == null ? Map.of() : new LinkedHashMap<>(rules);
    }
  }

  /** One kind of request: its methods, its path patterns (Ant style), and how many an account may make per period. */
  public record Rule(List<String> methods, List<String> paths, int capacity, Duration per) {}

  private record Compiled(String name, Set<String> methods, List<String> paths, int capacity, Duration per) {
    Bucket newBucket() {
      return Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, per).build())
          .build();
    }
  }

  private final List<Compiled> rules;
  private final AntPathMatcher paths = new AntPathMatcher();
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
      .expireAfterAccess(Duration.ofHours(1)).maximumSize(200_000).build();

  public RateLimits(Settings settings) {
    this.rules = settings.rules().entrySet().stream()
        .filter(e -> e.getValue().capacity() > 0)
        .map(e -> new Compiled(e.getKey(),
            e.getValue().methods().stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet()),
            e.getValue().paths().stream().map(String::trim).toList(), e.getValue().capacity(), e.getValue().per()))
        .toList();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    Compiled rule = rules.stream()
        .filter(r -> r.methods().contains(request.getMethod().toUpperCase(Locale.ROOT)))
        .filter(r -> r.paths().stream().anyMatch(p -> paths.match(p, path)))
        .findFirst().orElse(null);
    String user = rule == null ? null : user(request);
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    ConsumptionProbe probe = buckets.get(user + '\u0000' + rule.name(), k -> rule.newBucket())
        .tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    RefusalLog.info(log, "rate-limit", "{} {} by {} refused: rate limit {} ({} per {}), retry after {} s",
        request.getMethod(), request.getRequestURI(), user, rule.name(), rule.capacity(), rule.per(), seconds);
    response.setHeader("Retry-After", String.valueOf(seconds));
    ProblemWriter.write(response, HttpStatus.TOO_MANY_REQUESTS, "请求过于频繁，请 " + seconds + " 秒后再试 · Too many "
        + "requests of this kind (" + rule.name() + ": at most " + rule.capacity() + " per " + words(rule.per())
        + " per account): retry after " + seconds + " s");
  }

  /** The path as the rules name it: the webapps' engine API as the engine's REST API. */
  private static String path(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    var webapp = WEBAPP_ENGINE.matcher(path);
    return webapp.matches() ? "/engine-rest" + (webapp.group(1) == null ? "" : webapp.group(1)) : path;
  }

  private static String user(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal != null) {
      return principal.getName();
    }
    return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")
        ? WebappUsers.userOf(request.getSession(false)) : null;
  }

  private static String words(Duration per) {
    if (per.toHours() > 0 && per.toMinutesPart() == 0 && per.toSecondsPart() == 0) {
      return per.toHours() == 1 ? "hour" : per.toHours() + " hours";
    }
    if (per.toMinutes() > 0 && per.toSecondsPart() == 0) {
      return per.toMinutes() == 1 ? "minute" : per.toMinutes() + " minutes";
    }
    return per.toSeconds() + " s";
  }
}
