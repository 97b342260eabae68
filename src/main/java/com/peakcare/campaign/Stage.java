package com.peakcare.campaign;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where a campaign stands; the check stages are also the stages a sign-off names. */
@Schema(name = "CampaignStage", enumAsRef = true, description = "Where a campaign stands")
public enum Stage {
  PRE_CHECK("自动预检 · Automated pre-check"),
  SET_UP("设置 · Set up"),
  RECHECK("设置人复核 · Re-check own setup"),
  PEER_CHECK("队友检核 · Peer check"),
  UX_CHECK("用户体验检核 · UX check"),
  ALL_HANDS("全员检核 · All-hands check"),
  ERROR_CONFIRMATION("报错确认 · Error confirmation"),
  CUSTOMER_REPORT_CONFIRMATION("顾客报错确认 · Customer report confirmation"),
  LIVE("已批准上线 · Launch approved"),
  CLOSED("已结束 · Closed");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
