package com.peakcare.support;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Fresh accounts for attack tests (password "demo"), so that no other test's sessions, caches or buckets count. */
public final class Accounts {

  private Accounts() {}

  /** A new user with a random id starting with {@code prefix}, member of the given groups. */
  public static String fresh(IdentityService identity, String prefix, String... groups) {
    String id = prefix + UUID.randomUUID().toString().substring(0, 6);
    User user = identity.newUser(id);
    user.setFirstName("Test");
    user.setLastName(prefix);
    user.setPassword("demo");
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }
}
