package com.peakcare.dashboard;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import java.util.Arrays;
import java.util.Optional;

/**
 * The dashboard's tiles (issue 25, points 1 to 5) and whose they are (point 7): the department whose supervisors read
 * a tile; auditors read every tile (and administrators, as on every page).
 */
public enum Tile {
  RETURNS("returns", "退换货 · Returns now", StaffDirectory.AFTER_SALES),
  MONEY("money", "退款资金 · Money", StaffDirectory.AFTER_SALES),
  PROMISES("promises", "承诺兑现 · Promises kept", StaffDirectory.AFTER_SALES),
  NOTICES("notices", "顾客通知 · Customers told", StaffDirectory.AFTER_SALES),
  CAMPAIGNS("campaigns", "活动与宣贯 · Campaigns and briefings", Groups.OPS);

  private final String path;
  private final String label;
  private final String department;

  Tile(String path, String label, String department) {
    this.path = path;
    this.label = label;
    this.department = department;
  }

  /** Its name in URLs: {@code /api/dashboard/returns}, page {@code dashboard/returns}. */
  public String path() {
    return path;
  }

  public String label() {
    return label;
  }

  /** The department whose supervisors read it. */
  public String department() {
    return department;
  }

  static Optional<Tile> of(String path) {
    return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
  }
}
