package com.peakcare.pages;

import com.peakcare.engine.gate.Actor;
import com.peakcare.identity.Groups;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who looks at a PeakCare page: a user and their groups, always from the server's side of the request, never from the
 * page: HTTP Basic on {@code /api} (Spring Security's authentication), or the webapps' session on Cockpit's plugin API
 * (the engine's authentication that Camunda's filter sets from the session).
 */
public record Viewer(String userId, Set<String> groups) {

  private static final String PREFIX = Groups.authority("");

  public Viewer {
    groups = Set.copyOf(groups);
  }

  /** The caller of {@code /api}. */
  public static Viewer of(Authentication authentication) {
    return new Viewer(authentication.getName(), authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(PREFIX))
        .map(a -> a.substring(PREFIX.length())).collect(Collectors.toSet()));
  }

  /** The person logged in to the webapps, or null when nobody is. */
  static Viewer of(Actor actor) {
    return actor.isPerson() ? new Viewer(actor.userId(), Set.copyOf(actor.groups())) : null;
  }

  public boolean in(String group) {
    return groups.contains(group);
  }

  public boolean inAny(Collection<String> any) {
    return any.stream().anyMatch(groups::contains);
  }
}
