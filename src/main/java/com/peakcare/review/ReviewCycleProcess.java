package com.peakcare.review;

import java.util.Map;

/**
 * The review-cycle process ({@code processes/review-cycle.bpmn}): key, message, element ids, variables, forms and
 * statuses. One instance per cycle (business key = the cycle's id, {@code RC-20261116-090000}), started by its weekly
 * timer or by a supervisor after a big sale (the message {@value #MESSAGE_REQUESTED}, correlated by PeakCare). The process routes on two variables; the counts, quotes, departments, actions and who
 * discussed what are PeakCare's records ({@link ReviewRepository}).
 */
public final class ReviewCycleProcess {

  public static final String KEY = "review-cycle";
  /** A supervisor's cycle, right after a big sale: PeakCare correlates it to the message start with the cycle's id. */
  public static final String MESSAGE_REQUESTED = "ReviewCycleRequested";
  /** The shop's routing table: category → department (processes/review-routing.dmn). */
  public static final String ROUTING_DECISION = "review-routing";

  /** Element ids. */
  public static final class Elements {
    public static final String START_WEEKLY = "StartEvent_WeeklyCycle";
    public static final String START_REQUESTED = "StartEvent_CycleRequested";
    public static final String TASK_GATHER = "Task_GatherProblems";
    public static final String GATEWAY_ANYTHING = "Gateway_AnythingToDiscuss";
    public static final String END_NOTHING_FOUND = "EndEvent_NothingFound";
    public static final String SUB_PROCESS_DISCUSS = "SubProcess_DiscussCategory";
    public static final String TASK_ROUTE = "Task_RouteToDepartment";
    public static final String TASK_RECORD_ACTIONS = "Task_RecordActions";
    public static final String END_CATEGORY_DISCUSSED = "EndEvent_CategoryDiscussed";
    public static final String END_CYCLE_CLOSED = "EndEvent_CycleClosed";

    private Elements() {}
  }

  /** Process variables and the forms' fields. */
  public static final class Vars {
    /** List of category codes: the categories to discuss this cycle (problems found, or actions still open). */
    public static final String CATEGORIES = "reviewCategories";
    /** One of them: the multi-instance's element. */
    public static final String CATEGORY = "reviewCategory";
    // the lead's form: what it shows
    public static final String TOPIC_SUMMARY = "topicSummary";
    public static final String TOPIC_EXAMPLES = "topicExamples";
    public static final String OPEN_ACTIONS = "openActions";
    public static final String OPEN_ACTION_CHOICES = "openActionChoices";
    public static final String OWNER_CHOICES = "ownerChoices";
    // the lead's form: its fields
    public static final String ACTIONS_DONE = "actionsDone";
    public static final String ACTION_TEXT = "actionText";   // + slot: actionText1
    public static final String ACTION_OWNER = "actionOwner"; // + slot
    public static final String ACTION_DUE = "actionDue";     // + slot: a date, yyyy-MM-dd
    public static final String MEETING_NOTE = "meetingNote";

    private Vars() {}
  }

  /** How many new actions one meeting form holds. */
  public static final int ACTION_SLOTS = 3;

  /** Where a cycle stands (PC_REVIEW_CYCLE.STATUS). */
  public static final class Status {
    public static final String GATHERING = "GATHERING";
    public static final String DISCUSSING = "DISCUSSING";
    public static final String NOTHING_FOUND = "NOTHING_FOUND";
    public static final String CLOSED = "CLOSED";

    private Status() {}
  }

  /** Why a cycle opened (PC_REVIEW_CYCLE.REASON). */
  public static final class Reason {
    public static final String WEEKLY = "WEEKLY";
    public static final String REQUESTED = "REQUESTED";

    private Reason() {}
  }

  /** The cycle's status at each element, applied by engine.DerivedStatus whatever path the process took. */
  public static final Map<String, String> STATUS_OF = Map.of(
      Elements.TASK_GATHER, Status.GATHERING,
      Elements.TASK_RECORD_ACTIONS, Status.DISCUSSING,
      Elements.END_NOTHING_FOUND, Status.NOTHING_FOUND,
      Elements.END_CYCLE_CLOSED, Status.CLOSED);

  /** The wait states and end events that keep the status, and why (see ProcessStatuses#keepsStatus). */
  public static final Map<String, String> KEEPS_STATUS = Map.of(
      Elements.END_CATEGORY_DISCUSSED, "one category's branch ends; the others may still be discussed");

  private ReviewCycleProcess() {}
}
