package com.peakcare.engine;

import com.peakcare.identity.StaffDirectory;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The staff directory's group lookup (issue 23), run without the Camunda authentication of the request it happens
 * in: the directory remembers the answer for a few seconds and gives it to every caller, so it must be the whole
 * truth, not what one caller may read of {@code GROUP}.
 */
@Component
class MembershipAsPeakCare implements StaffDirectory.MembershipReader {

  private final IdentityService identityService;

  MembershipAsPeakCare(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public List<String> groupsOf(String userId) {
    var caller = identityService.getCurrentAuthentication();
    if (caller != null) {
      identityService.clearAuthentication();
    }
    try {
      return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
