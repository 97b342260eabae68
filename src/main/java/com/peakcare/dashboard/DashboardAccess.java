package com.peakcare.dashboard;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.pages.Viewer;
import com.peakcare.web.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Who sees which tile (issue 25, point 7), on both doors after {@code Pages}' group check (supervisors, auditors):
 * a supervisor reads the tiles of their own department in the staff directory (after-sales: returns, money, promises,
 * notices; ops: campaigns and briefings), as money and case actions are after-sales supervisors' (issue 20), not
 * every lead's; auditors read all of them (reading is all the dashboard does); administrators too. Agents and
 * integrators are not readers of any dashboard page: {@code Pages} refuses them first.
 */
@Component
class DashboardAccess {

  /** The groups {@code Pages} lets in before the department is looked at. */
  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.AUDITORS);

  private final StaffDirectory staff;
  private final EngineGate gate;

  DashboardAccess(StaffDirectory staff, EngineGate gate) {
    this.staff = staff;
    this.gate = gate;
  }

  /**
   * A tile's figures for a viewer who may read it. They are counted as PeakCare itself, not as the person logged in
   * to Cockpit: the right to see a count is this class's decision, and Camunda's limits on a person's queries (no
   * unbounded lists, authorization filters) would make the same figure differ between the two doors.
   */
  <T> T read(Viewer viewer, Tile tile, Supplier<T> figures) {
    require(viewer, tile);
    return gate.asPeakCare(figures);
  }

  boolean may(Viewer viewer, Tile tile) {
    if (viewer.in(Groups.AUDITORS) || viewer.in(Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    return viewer.in(Groups.SUPERVISORS) && staff.isSupervisorOf(viewer.userId(), tile.department());
  }

  void require(Viewer viewer, Tile tile) {
    if (!may(viewer, tile)) {
      throw ApiException.forbidden("看板的「" + tile.label() + "」只给本部门主管和审计看 · The tile " + tile.path()
          + " is for the supervisors of " + tile.department() + " and for auditors");
    }
  }

  List<Tile> visible(Viewer viewer) {
    return Arrays.stream(Tile.values()).filter(t -> may(viewer, t)).toList();
  }
}
