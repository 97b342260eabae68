package com.peakcare.review;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;

/**
 * The rules the review feature's two tasks share (a meeting's, a serious review's): a person claims a task only for
 * themselves, only its holder hands it over or gives it back, and only its holder completes it, after claiming it.
 * Whom it may go to at all is each policy's own rule, checked before these.
 */
final class ReviewTaskRules {

  private ReviewTaskRules() {}

  /** {@code actor} makes {@code assignee} the task's assignee (a claim, a hand-over, or null: giving it back). */
  static void assigning(TaskFacts task, String assignee, Actor actor) {
    if (!actor.isPerson() || actor.isAdmin()) {
      return;
    }
    if (task.assignee() == null && !actor.userId().equals(assignee)) {
      throw Refusal.forbidden("只能为自己认领任务 · You can only claim a task for yourself");
    }
    if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("只有任务的处理人可以转交或退回它 · Only the task's assignee may hand it over or give it back");
    }
  }

  /** {@code actor} completes the task: it has been claimed, by them. */
  static void completing(TaskFacts task, Actor actor) {
    if (task.assignee() == null) {
      throw Refusal.forbidden("请先认领任务 · Claim the task first");
    }
    if (actor.isPerson() && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("只有任务的处理人本人可以完成它 · Only the task's assignee completes it");
    }
  }
}
