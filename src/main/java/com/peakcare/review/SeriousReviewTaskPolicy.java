package com.peakcare.review;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.review.ReviewRepository.Serious;
import com.peakcare.review.SeriousReviewProcess.Vars;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who handles a serious review (the engine gate applies it on every door): an after-sales lead (a supervisor of
 * after-sales) claims it for themselves; only its holder hands it on, to another of them, and completes it, saying
 * whether the customer was contacted and what was done. The review and its words are read from the record.
 */
@Component
class SeriousReviewTaskPolicy implements TaskPolicy {

  static final Set<String> FIELDS = Set.of(Vars.CUSTOMER_CONTACTED, Vars.HANDLING_NOTE);

  private final SeriousReviews reviews;
  private final ReviewPeople people;

  SeriousReviewTaskPolicy(SeriousReviews reviews, ReviewPeople people) {
    this.reviews = reviews;
    this.people = people;
  }

  @Override
  public String processKey() {
    return SeriousReviewProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return FIELDS;
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    if (assignee != null && !people.seriousReviewHandlers().contains(assignee)) {
      throw Refusal.forbidden("严重差评由售后主管处理 · Serious reviews are handled by after-sales supervisors");
    }
    ReviewTaskRules.assigning(task, assignee, actor);
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    ReviewTaskRules.completing(task, actor);
    if (actor.isPerson() && !actor.isAdmin() && !people.seriousReviewHandlers().contains(actor.userId())) {
      throw Refusal.forbidden("严重差评由售后主管处理 · Serious reviews are handled by after-sales supervisors");
    }
    FormValues form = new FormValues(values);
    boolean contacted = form.yesNo(Vars.CUSTOMER_CONTACTED);
    String note = form.text(Vars.HANDLING_NOTE, 2000, true, "必填：处理记录 · required: what was done");
    if (!reviews.handled(serious(task), task.assignee(), contacted, note)) {
      throw Refusal.forbidden("这条严重差评已经处理过了 · This serious review has been handled already");
    }
    return Map.of();
  }

  @Override
  public String title(TaskFacts task) {
    Serious s = serious(task);
    String text = s.text().isEmpty() && s.followUp() != null ? s.followUp() : s.text();
    return "★" + s.stars() + " " + task.businessKey() + "：" + (text.length() > 24 ? text.substring(0, 24) + "…" : text);
  }

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    Serious s = serious(task);
    return Map.of(
        Vars.REVIEW, "订单 · Order " + s.key().orderNo() + "，SKU " + s.key().sku() + "，★" + s.stars() + "\n" + s.text()
            + (s.followUp() == null ? "" : "\n追评 · Follow-up：" + s.followUp()),
        Vars.WORDS, s.words() + "（安全问题或投诉威胁 · a safety problem or a complaint threat）");
  }

  private Serious serious(TaskFacts task) {
    return reviews.find(task.businessKey())
        .orElseThrow(() -> new IllegalStateException("serious review task " + task.id() + " has no record"));
  }
}
