package com.peakcare.returns;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is acting on a case right now: the engine's authenticated user (Tasklist, engine REST), else "system". */
@Component
class CaseActor {

  private final IdentityService identityService;

  CaseActor(IdentityService identityService) {
    this.identityService = identityService;
  }

  String current() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth == null || auth.getUserId() == null ? "system" : auth.getUserId();
  }
}
