package com.peakcare.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.support.Eventually;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 23: a person's groups are remembered for a few seconds (no membership query per check), and a change made in
 * Admin still reaches every check within {@code peakcare.identity.groups-cache-ttl} (5 s).
 */
@PeakCareTest
class StaffGroupsCacheTest {

  private static final Duration WITHIN = Duration.ofSeconds(7); // the 5 s of the cache, and some slack

  @Autowired StaffDirectory staff;
  @Autowired IdentityService identityService;

  private final String group = "zz-cache-" + System.nanoTime();

  @AfterEach
  void removeGroup() {
    identityService.deleteMembership("agent1", group);
    identityService.deleteGroup(group);
  }

  @Test
  void aGroupJoinedAndLeftInAdminReachesTheChecksWithinSeconds() {
    var g = identityService.newGroup(group);
    g.setName("cache test");
    identityService.saveGroup(g);
    assertThat(staff.isMember("agent1", group)).isFalse(); // remembered now, for up to 5 s

    identityService.createMembership("agent1", group); // as Admin does, on another node
    long joined = System.nanoTime();
    assertThat(Eventually.within(WITHIN, () -> staff.isMember("agent1", group))).as("joined, seen within 7 s").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - joined)).isLessThan(WITHIN);

    identityService.deleteMembership("agent1", group); // on this node also forgotten at once (AccountChanged)
    assertThat(Eventually.within(WITHIN, () -> !staff.isMember("agent1", group))).as("left, seen within 7 s").isTrue();
  }

  @Test
  void theDirectoryAnswersFromMemoryBetweenChanges() {
    assertThat(staff.isMember("agent1", "after-sales")).isTrue();
    var g = identityService.newGroup(group);
    g.setName("cache test");
    identityService.saveGroup(g);
    identityService.createMembership("agent1", group);
    // remembered from the first check: the new membership is not read again at once (it is within 5 s)
    assertThat(staff.groupsOf("agent1")).doesNotContain(group);
    staff.forget("agent1"); // what an AccountChanged on this node does
    assertThat(staff.groupsOf("agent1")).contains(group, "after-sales");
  }
}
