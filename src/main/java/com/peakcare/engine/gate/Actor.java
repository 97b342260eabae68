package com.peakcare.engine.gate;

import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who acts on the engine: a person logged in to the webapps or calling {@code /engine-rest} (the engine's current
 * authentication), or PeakCare itself (its own services, jobs and tests through the Java API: no person).
 */
public record Actor(String userId, List<String> groups) {

  /** The administrators' group: they may repair processes (start in the middle, modify, migrate). */
  public static final String ADMIN_GROUP = "camunda-admin";

  public static final Actor PEAKCARE = new Actor(null, List.of());

  public Actor {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  static Actor of(Authentication authentication) {
    return authentication == null || authentication.getUserId() == null ? PEAKCARE
        : new Actor(authentication.getUserId(), authentication.getGroupIds());
  }

  /** A person, as opposed to PeakCare itself. */
  public boolean isPerson() {
    return userId != null;
  }

  public boolean in(String group) {
    return groups.contains(group);
  }

  public boolean isAdmin() {
    return in(ADMIN_GROUP);
  }
}
