package com.peakcare.identity;

import java.util.List;

/** The Camunda groups PeakCare's processes and APIs are built around (see shared DESIGN, "Roles"). */
public final class Groups {
  public static final String OPS = "ops";
  public static final String UX = "ux";
  public static final String ALL_STAFF = "all-staff";
  public static final String AFTER_SALES = "after-sales";
  public static final String WAREHOUSE = "warehouse";
  public static final String SUPERVISORS = "supervisors";
  public static final String AUDITORS = "auditors";
  public static final String INTEGRATORS = "integrators";
  public static final String CAMUNDA_ADMIN = "camunda-admin";

  /** Every group with its display name; created at start-up in every profile. */
  public static final List<String[]> ALL = List.of(
      new String[] {OPS, "运营 · Operations"},
      new String[] {UX, "用户体验 · UX"},
      new String[] {ALL_STAFF, "全员 · All staff"},
      new String[] {AFTER_SALES, "售后 · After-sales"},
      new String[] {WAREHOUSE, "仓库 · Warehouse"},
      new String[] {SUPERVISORS, "主管 · Supervisors"},
      new String[] {AUDITORS, "审计 · Auditors"},
      new String[] {INTEGRATORS, "系统对接 · Integrators"},
      new String[] {CAMUNDA_ADMIN, "管理员 · Administrators"});

  /** Spring Security authority of a group member: {@code GROUP_after-sales}. */
  public static String authority(String groupId) {
    return "GROUP_" + groupId;
  }

  private Groups() {}
}
