package com.peakcare.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The least-loaded pick (issue 24 at Double 11 scale): the agents' open complaints are counted once per refresh period,
 * not on every open, and each pick counts toward its agent at once, so that the opens between two counts spread as
 * fresh counts would spread them; supervisors are never picked.
 */
class ComplaintPeopleTest {

  ComplaintRepository repository = mock(ComplaintRepository.class);
  StaffDirectory staff = mock(StaffDirectory.class);

  @BeforeEach
  void directory() {
    when(staff.membersOf(Groups.AFTER_SALES)).thenReturn(List.of("agent1", "agent2", "cslead"));
    when(staff.membersOf(Groups.SUPERVISORS)).thenReturn(List.of("cslead", "opslead"));
    when(repository.openByHandler()).thenReturn(Map.of("agent1", 5L, "agent2", 3L, "cslead", 0L));
  }

  @Test
  void shouldSpreadTheOpensOfOneCountAsFreshCountsWouldAndCountOnce() {
    ComplaintPeople people = new ComplaintPeople(repository, staff, Duration.ofMinutes(1));

    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(people.leastLoadedAgent());
    }

    // agent2 (3) takes two to draw level at 5, then the two alternate, agent1 first on a tie
    assertThat(picks).containsExactly("agent2", "agent2", "agent1", "agent2", "agent1", "agent2");
    verify(repository, times(1)).openByHandler();
    verify(staff, times(1)).membersOf(Groups.AFTER_SALES);
  }

  @Test
  void shouldCountAgainOnEveryOpenWithoutARefreshPeriod() {
    ComplaintPeople people = new ComplaintPeople(repository, staff, Duration.ZERO);

    assertThat(people.leastLoadedAgent()).isEqualTo("agent2");
    assertThat(people.leastLoadedAgent()).as("the database still says 3: no pick is remembered").isEqualTo("agent2");
    verify(repository, times(2)).openByHandler();
  }
}
