package com.peakcare.security;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Which proxies' X-Forwarded-For and X-Forwarded-Proto PeakCare believes (issue 20): only those named in
 * {@code peakcare.security.trusted-proxies} (addresses, comma-separated; none by default). Tomcat's default under
 * {@code server.forward-headers-strategy=native} believes every private and loopback address, so anyone inside, or
 * anyone who reaches the node directly from such an address, chose the client address the login throttle counts by
 * (40 guesses, each "from" a new address, and never a 429; or a victim's address locked on purpose). Runs after Spring
 * Boot's own customizer: whatever valve it set up now trusts exactly the named proxies, and naming proxies without it
 * sets one up.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

  private final List<String> proxies;

  TrustedProxies(@Value("${peakcare.security.trusted-proxies:}") List<String> proxies) {
    this.proxies = proxies.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    for (String proxy : this.proxies) {
      if (!proxy.matches("[0-9A-Fa-f.:]+")) {
        throw new IllegalStateException("peakcare.security.trusted-proxies: \"" + proxy + "\" is not an IP address");
      }
    }
  }

  /** The proxies as Tomcat's pattern (exact addresses), or null: nobody. */
  String pattern() {
    return proxies.isEmpty() ? null : proxies.stream().map(Pattern::quote).collect(Collectors.joining("|"));
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    boolean found = false;
    for (Valve valve : factory.getEngineValves()) {
      if (valve instanceof RemoteIpValve remoteIp) {
        apply(remoteIp);
        found = true;
      }
    }
    if (!found && !proxies.isEmpty()) {
      RemoteIpValve remoteIp = new RemoteIpValve();
      remoteIp.setRemoteIpHeader("X-Forwarded-For");
      remoteIp.setProtocolHeader("X-Forwarded-Proto");
      apply(remoteIp);
      factory.addEngineValves(remoteIp);
    }
    log.info("forwarded headers trusted from {}", proxies.isEmpty() ? "no proxy" : proxies);
  }

  private void apply(RemoteIpValve valve) {
    valve.setInternalProxies(pattern());
    valve.setTrustedProxies(null);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
