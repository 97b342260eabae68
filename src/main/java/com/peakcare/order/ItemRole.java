package com.peakcare.order;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an item is for in the shop's range (issue 22: payment reminders plan by it): a traffic driver sold near cost to
 * bring buyers in, a profit item, a campaign item on promotion, an exclusive. Optional on a line; none is read as
 * {@link #PROFIT}.
 */
@Schema(name = "ItemRole", enumAsRef = true, description = "TRAFFIC 引流款, PROFIT 利润款, CAMPAIGN 活动款, EXCLUSIVE 独家款")
public enum ItemRole {
  TRAFFIC, PROFIT, CAMPAIGN, EXCLUSIVE
}
