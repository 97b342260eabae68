package com.peakcare.survey;

import java.time.Instant;
import java.util.List;

/** A customer's recorded answer: the score (1–5), whether it is solved, the reasons (scores 1–3) and a comment. */
public record SurveyAnswer(CaseKind caseKind, String caseNo, String workedBy, Instant answeredAt, int score,
    boolean solved, List<SurveyReason> reasons, String comment, boolean recoveryNeeded) {

  /** One line for a task form or a timeline, Chinese first. */
  public String summary() {
    return "评分 · score " + score + "/5，" + (solved ? "已解决 · solved" : "未解决 · not solved")
        + (reasons.isEmpty() ? "" : "，原因 · reasons " + reasons.stream().map(SurveyReason::label).toList())
        + (comment == null || comment.isBlank() ? "" : "，留言 · comment: " + comment);
  }
}
