package com.peakcare.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.StaffProfile;
import com.peakcare.review.ReviewCycleProcess.Vars;
import com.peakcare.review.ReviewRepository.Action;
import com.peakcare.review.ReviewRepository.Cycle;
import com.peakcare.review.ReviewRepository.Topic;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Who works on a review meeting's task and with what (the engine gate applies it on every door): the task belongs to
 * the leads of the department its category is routed to (the topic's record, not a variable); a lead claims it for
 * themselves, only its holder hands it to another lead of that department; only its holder completes it, as a lead of
 * that department. A completion records new actions (text, an owner who exists, a due date from today on), closes the
 * open actions of its category it ticks, and notes the meeting; it writes nothing to the process.
 */
@Component
class ReviewCycleTaskPolicy implements TaskPolicy {

  static final Set<String> FIELDS = fields();

  private final ReviewCycleSteps steps;
  private final ReviewRepository repository;
  private final ReviewPeople people;
  private final ReviewCategories categories;
  private final ReviewSettings settings;
  private final ObjectMapper json;

  ReviewCycleTaskPolicy(ReviewCycleSteps steps, ReviewRepository repository, ReviewPeople people,
      ReviewCategories categories, ReviewSettings settings, ObjectMapper json) {
    this.steps = steps;
    this.repository = repository;
    this.people = people;
    this.categories = categories;
    this.settings = settings;
    this.json = json;
  }

  @Override
  public String processKey() {
    return ReviewCycleProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return FIELDS;
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    Topic topic = topic(task);
    if (assignee != null && !people.leads(assignee, topic.department())) {
      throw Refusal.forbidden("例会任务只交给该部门的负责人 · A review meeting's task goes to a lead of the department that "
          + "owns its category (" + topic.department() + ")");
    }
    ReviewTaskRules.assigning(task, assignee, actor);
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    ReviewTaskRules.completing(task, actor);
    Topic topic = topic(task);
    if (actor.isPerson() && !actor.isAdmin() && !people.leads(actor.userId(), topic.department())) {
      throw Refusal.forbidden("只有该部门的负责人可以记录例会措施 · Only a lead of the department that owns this category "
          + "records its actions");
    }
    FormValues form = new FormValues(values);
    List<ReviewCycleSteps.NewAction> actions = new ArrayList<>();
    LocalDate today = LocalDate.now(settings.timeZone());
    for (int slot = 1; slot <= ReviewCycleProcess.ACTION_SLOTS; slot++) {
      String text = form.text(Vars.ACTION_TEXT + slot, 1000, false, null);
      String owner = form.text(Vars.ACTION_OWNER + slot, 64, text != null, "有措施时必填：负责人 · required with an "
          + "action: its owner");
      String due = form.text(Vars.ACTION_DUE + slot, 40, text != null, "有措施时必填：截止日期 · required with an "
          + "action: its due date");
      if (text == null) {
        if (owner != null || due != null) {
          throw Refusal.invalid(Vars.ACTION_TEXT + slot, "请填写措施内容，或清空负责人和截止日期 · write the action, or "
              + "clear its owner and due date");
        }
        continue;
      }
      if (!people.exists(owner)) {
        throw Refusal.invalid(Vars.ACTION_OWNER + slot, "没有这个员工：" + owner + " · no such member of staff");
      }
      actions.add(new ReviewCycleSteps.NewAction(text, owner, date(Vars.ACTION_DUE + slot, due, today)));
    }
    List<String> done = ids(values.get(Vars.ACTIONS_DONE));
    Set<String> open = new HashSet<>(repository.openActions(topic.category()).stream().map(Action::id).toList());
    for (String id : done) {
      if (!open.contains(id)) {
        throw Refusal.invalid(Vars.ACTIONS_DONE, "不是本类别未完成的措施 · not an open action of this category: " + id);
      }
    }
    String note = form.text(Vars.MEETING_NOTE, 2000, actions.isEmpty() && done.isEmpty(), "没有新措施也没有关闭措施时，"
        + "请说明原因 · with no new action and none closed, say why");
    steps.recordMeeting(topic, task.assignee(), actions, done, note);
    return Map.of();
  }

  private static LocalDate date(String field, String value, LocalDate today) {
    LocalDate due;
    try {
      due = LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, "不是日期（如 2026-11-30）· not a date (e.g. 2026-11-30)");
    }
    if (due.isBefore(today) || due.isAfter(today.plusYears(1))) {
      throw Refusal.invalid(field, "截止日期须在今天到一年内 · the due date must be from today to a year from now");
    }
    return due;
  }

  /** The ticked open actions: a checklist sends a list (Json in Tasklist, a list through the Java API). */
  private List<String> ids(Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(v -> ids.add(String.valueOf(v)));
      return ids;
    }
    try {
      JsonNode node = json.readTree(value.toString());
      if (!node.isArray()) {
        throw Refusal.invalid(Vars.ACTIONS_DONE, "应为措施的列表 · must be a list of actions");
      }
      node.forEach(n -> ids.add(n.asText()));
      return ids;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Refusal.invalid(Vars.ACTIONS_DONE, "应为措施的列表 · must be a list of actions");
    }
  }

  // ---- what the task shows ---------------------------------------------------------------------------------

  @Override
  public String title(TaskFacts task) {
    Topic topic = topic(task);
    String label = categories.label(topic.category());
    return topic.reviews() == 0 ? label + "：带入的措施 · carried-over actions"
        : label + "：" + topic.reviews() + " 条评价（隐性差评 " + topic.hidden() + "）";
  }

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    Topic topic = topic(task);
    Cycle cycle = repository.cycle(topic.cycleId()).orElseThrow();
    List<Action> open = repository.openActions(topic.category());
    Map<String, Object> values = new HashMap<>();
    values.put(Vars.TOPIC_SUMMARY, summary(cycle, topic));
    values.put(Vars.TOPIC_EXAMPLES, examples(topic));
    values.put(Vars.OPEN_ACTIONS, open.isEmpty() ? "（无 · none）" : String.join("\n", open.stream()
        .map(a -> "• " + a.text() + " — " + people.nameOf(a.owner()) + "（" + a.owner() + "），" + a.due() + " 截止"
            + (a.due().isBefore(LocalDate.now(settings.timeZone())) ? "，已逾期 · overdue" : "")
            + "；" + a.createdCycle() + " 记录 · recorded").toList()));
    ArrayNode choices = json.createArrayNode();
    open.forEach(a -> choices.addObject().put("label", a.text() + "（" + people.nameOf(a.owner()) + "，" + a.due() + "）")
        .put("value", a.id()));
    values.put(Vars.OPEN_ACTION_CHOICES, SpinValues.jsonValue(choices.toString()).create());
    ArrayNode owners = json.createArrayNode();
    for (StaffProfile p : people.staffMembers()) {
      owners.addObject().put("label", p.name() + " · " + p.userId() + (p.department() == null ? ""
          : "（" + p.department() + "）")).put("value", p.userId());
    }
    values.put(Vars.OWNER_CHOICES, SpinValues.jsonValue(owners.toString()).create());
    return values;
  }

  private String summary(Cycle cycle, Topic topic) {
    StringBuilder sb = new StringBuilder();
    sb.append(categories.label(topic.category())).append(" → ").append(topic.department()).append('\n');
    sb.append("本期 · This cycle ").append(cycle.id()).append("：").append(topic.reviews()).append(" / ")
        .append(cycle.reviews()).append(" 条评价有这类问题 · reviews with this problem ")
        .append(ReviewMeeting.percent(topic.reviews(), cycle.reviews())).append('\n');
    sb.append("隐性差评 · hidden negatives ").append(topic.hidden()).append("，普通差评 · plain negatives ")
        .append(topic.reviews() - topic.hidden()).append("，问题句 · clauses ").append(topic.issues()).append('\n');
    if (topic.previousTotal() == null) {
      sb.append("上期 · Cycle before：无 · none");
    } else {
      int change = topic.reviews() - topic.previousReviews();
      sb.append("上期 · Cycle before：").append(topic.previousReviews()).append(" / ").append(topic.previousTotal())
          .append(" ").append(ReviewMeeting.percent(topic.previousReviews(), topic.previousTotal()))
          .append("，变化 · change ").append(change > 0 ? "+" : "").append(change);
    }
    return sb.toString();
  }

  private String examples(Topic topic) {
    List<ReviewCycleSteps.Quote> quotes = steps.quotes(topic.examplesJson());
    if (quotes.isEmpty()) {
      return "（本期无 · none this cycle）";
    }
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (ReviewCycleSteps.Quote q : quotes) {
      lines.add(String.format(Locale.ROOT, "%d. ★%d %s/%s%s：%s【%s】%s", ++n, q.stars(), q.orderNo(), q.sku(),
          q.hiddenNegative() ? "（隐性差评 · hidden）" : "", q.before(), q.clause(), q.after()));
    }
    return String.join("\n", lines);
  }

  private Topic topic(TaskFacts task) {
    Object category = task.variable(Vars.CATEGORY);
    return repository.topic(task.businessKey(), category == null ? null : category.toString())
        .orElseThrow(() -> new IllegalStateException("review task " + task.id() + " has no topic"));
  }

  private static Set<String> fields() {
    Set<String> f = new HashSet<>(Set.of(Vars.ACTIONS_DONE, Vars.MEETING_NOTE));
    for (int slot = 1; slot <= ReviewCycleProcess.ACTION_SLOTS; slot++) {
      f.addAll(Set.of(Vars.ACTION_TEXT + slot, Vars.ACTION_OWNER + slot, Vars.ACTION_DUE + slot));
    }
    return Set.copyOf(f);
  }
}
