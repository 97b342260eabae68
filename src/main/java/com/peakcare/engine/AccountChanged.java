package com.peakcare.engine;

/**
 * A change to an account that must reach its open sessions at once (issue 26): its password was set, it was deleted,
 * it left a group (or the group was deleted). Published by {@link GuardedIdentity} after the change, whatever door it
 * came through (Admin webapp, {@code /engine-rest/user/{id}/credentials}, the Java API); security ends the webapp
 * sessions of the account and forgets its remembered API logins.
 */
public record AccountChanged(String userId, String change) {}
