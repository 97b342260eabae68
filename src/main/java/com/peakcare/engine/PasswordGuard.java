package com.peakcare.engine;

/**
 * What decides whether a password may be tried at all, and hears how each try went ({@link GuardedIdentity} asks it
 * on every password check: HTTP Basic on the APIs, the webapps' login page, the Admin webapp). Implemented by
 * security's login throttle; without one, every try is checked.
 */
public interface PasswordGuard {

  /** False: refuse this try without checking the password (too many recent failures). */
  boolean mayTry(String userId);

  /** The outcome of a try that was checked. */
  void checked(String userId, boolean ok);
}
