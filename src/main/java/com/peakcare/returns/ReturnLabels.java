package com.peakcare.returns;

import java.util.Map;

/**
 * The words staff read for the codes of a return case (Chinese first, English after, as every label): what the forms,
 * the Tasklist cards and the API's problems show instead of {@code RETURN_AND_REFUND} or {@code MANUAL_REVIEW}.
 * Categories are the shop's and come from processes/return-categories.dmn ({@link ReturnCategories}).
 */
final class ReturnLabels {

  static final Map<String, String> TYPES = Map.of(
      "REFUND_ONLY", "仅退款 · Refund only",
      "RETURN_AND_REFUND", "退货退款 · Return and refund",
      "EXCHANGE", "换货 · Exchange",
      "PRICE_DIFFERENCE", "退差价 · Price difference",
      "REPAIR", "维修 · Repair");

  static final Map<String, String> REASONS = Map.of(
      "NO_REASON", "七天无理由 · No reason (7 days)",
      "WRONG_SIZE", "尺码不合适 · Wrong size",
      "NOT_AS_DESCRIBED", "与描述不符 · Not as described",
      "DAMAGED", "商品损坏 · Damaged",
      "PRICE_DIFFERENCE", "价格变动 · Price changed",
      "OTHER", "其他 · Other");

  static final Map<String, String> TIERS = Map.of(
      "REGULAR", "普通会员 · Regular",
      "SILVER", "银卡会员 · Silver",
      "GOLD", "金卡会员 · Gold",
      "VIP", "VIP 会员 · VIP",
      "SVIP", "超级 VIP · SVIP");

  static final Map<String, String> OUTCOMES = Map.of(
      "AUTO_APPROVE", "自动同意 · Approved by the policy",
      "MANUAL_REVIEW", "人工审核 · Review by an agent",
      "REJECT", "不予受理 · Rejected by the policy");

  static final Map<String, String> ASSIGNMENTS = Map.of(
      "EXPLICIT", "指定客服 · Requested by the caller",
      "RETURNING_CUSTOMER", "老客户的原客服 · Served this customer before",
      "LEAST_LOADED", "当前任务最少 · Fewest open tasks",
      "REASSIGNED", "主管改派 · Re-assigned by a supervisor",
      "HANDED_OVER", "同事转交 · Handed over by a colleague");

  /** The label of a code, or the code itself when there is none (never a blank field). */
  static String of(Map<String, String> labels, String code) {
    return code == null ? null : labels.getOrDefault(code, code);
  }

  private ReturnLabels() {}
}
