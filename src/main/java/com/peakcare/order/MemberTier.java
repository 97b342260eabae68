package com.peakcare.order;

import io.swagger.v3.oas.annotations.media.Schema;

/** The buyer's membership tier, as the shop's CRM says when it registers the order (never what a case's opener types). */
@Schema(enumAsRef = true, description = "The buyer's membership tier as the shop's CRM says: REGULAR 普通会员, SILVER 银卡, "
    + "GOLD 金卡, VIP, SVIP 超级 VIP, NON_MEMBER 非会员 (issue 22)")
public enum MemberTier {
  REGULAR, SILVER, GOLD, VIP, SVIP,
  /** Not a member (issue 22: payment reminders plan by tier, and the shops' playbook names non-members). */
  NON_MEMBER;

  /** VIP and SVIP: their tasks come first, and they get a follow-up call. */
  public boolean isVip() {
    return this == VIP || this == SVIP;
  }
}
