package com.peakcare.campaign;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine work for PeakCare's own API without a Camunda authenticated user: the API's own checks are the
 * gate (shared DESIGN). The foundation's authentication bridge sets the caller on the engine for every request
 * of the API chain, /api included; without this, a setter without Camunda's USER READ grant (an integrator)
 * would see no colleagues, and its task queries would be filtered by the caller's grants.
 */
@Component
class ApiGate {

  private final IdentityService identity;

  ApiGate(IdentityService identity) {
    this.identity = identity;
  }

  <T> T run(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
