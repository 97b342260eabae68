package com.peakcare.identity;

/**
 * A feature's Camunda authorizations (who may start its processes, read its history, operate its incidents).
 * Every bean of this type is applied at start-up by the identity bootstrap, after the groups exist and under the
 * start-up lock that makes nodes starting together take turns.
 */
@FunctionalInterface
public interface FeatureGrants {

  void grant(AccessRules access);
}
