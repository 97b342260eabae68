package com.peakcare.survey;

/** Why a customer gave 1 to 3: the list the survey page offers (Chinese first). */
public enum SurveyReason {
  SLOW("处理太慢 · Too slow"),
  NOT_SOLVED("问题没有解决 · The problem is not solved"),
  ATTITUDE("服务态度不好 · Unfriendly service"),
  COMPENSATION("补偿不合理 · Unfair compensation"),
  UNCLEAR("沟通不清楚 · Unclear communication"),
  OTHER("其他 · Other");

  private final String label;

  SurveyReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
