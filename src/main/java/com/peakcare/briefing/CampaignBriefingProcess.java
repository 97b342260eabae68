package com.peakcare.briefing;

import java.util.Map;

/**
 * The campaign-briefing process ({@code processes/campaign-briefing.bpmn}): key, messages, element ids, variables and
 * forms. One instance per campaign (business key = campaign code), started by {@code campaign-check.bpmn}'s message
 * throw event when launch is approved; one round per approved version (the launch, then each correction after launch). The process variables
 * are what it routes on and what Tasklist's cards show; the notes, questions, attempts, questions asked and credits
 * live in PeakCare's tables ({@link Briefings}, {@link BriefingCredits}).
 */
public final class CampaignBriefingProcess {

  public static final String KEY = "campaign-briefing";
  /**
   * What campaign-check.bpmn's Event_BriefingRequested throws at launch approval; its delegate starts this process
   * ({@link BriefingStart}: a none start event, so that no person can start it around its start door).
   */
  public static final String MESSAGE_REQUESTED = "CampaignBriefingRequested";
  /** An agent asked a question in the quiz form: the setter gets a task (local variable {@link Vars#QUESTION_ID}). */
  public static final String MESSAGE_QUESTION_ASKED = "BriefingQuestionAsked";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_BriefingRequested";
    public static final String SUB_PROCESS_ROUND = "SubProcess_BriefingRound";
    public static final String TASK_PREPARE_ROUND = "Task_PrepareRound";
    public static final String SUB_PROCESS_READY_AGENTS = "SubProcess_ReadyAgents";
    public static final String TASK_PUBLISH_NOTES = "Task_PublishBriefingNotes";
    public static final String TASK_OPEN_QUIZ = "Task_OpenQuiz";
    public static final String SUB_PROCESS_AGENT_QUIZ = "SubProcess_AgentQuiz";
    public static final String TASK_TAKE_QUIZ = "Task_TakeQuiz";
    public static final String GATEWAY_AGENT_READY = "Gateway_AgentReady";
    public static final String END_AGENT_READY = "EndEvent_AgentReady";
    public static final String END_AGENTS_QUIZZED = "EndEvent_AgentsQuizzed";
    public static final String END_NOT_READY_FOLLOWED_UP = "EndEvent_NotReadyFollowedUp";
    public static final String TIMER_NOT_READY = "Timer_NotReadyByDeadline";
    public static final String TASK_FOLLOW_UP_NOT_READY = "Task_FollowUpNotReady";
    public static final String END_ALL_READY = "EndEvent_AllAgentsReady";
    public static final String EVENT_CORRECTED_DURING_ROUND = "Event_CorrectedDuringRound";
    public static final String TIMER_CAMPAIGN_OVER_DURING_ROUND = "Timer_CampaignOverDuringRound";
    public static final String GATEWAY_WAIT_FOR_CORRECTION = "Gateway_WaitForCorrection";
    public static final String EVENT_CAMPAIGN_CORRECTED = "Event_CampaignCorrected";
    public static final String TIMER_CAMPAIGN_OVER = "Timer_CampaignOver";
    public static final String END_BRIEFING_CLOSED = "EndEvent_BriefingClosed";
    public static final String TASK_ANSWER_QUESTION = "Task_AnswerQuestion";
    public static final String END_QUESTION_ANSWERED = "EndEvent_QuestionAnswered";

    private Elements() {}
  }

  /** Process variables, the quiz task's own variables and the forms' fields. */
  public static final class Vars {
    /** String: the campaign (also the business key); the same name as in campaign-check, for Tasklist's columns. */
    public static final String CAMPAIGN_CODE = "campaignCode";
    /** String: the campaign's setter, from its record when the briefing starts. */
    public static final String SETTER = "setter";
    /** Date: the campaign's go-live. */
    public static final String GO_LIVE_AT = "goLiveAt";
    /** Date: when the campaign's report window ends and the briefing with it. */
    public static final String CLOSES_AT = "briefingClosesAt";
    /** Date: this round's readiness deadline (the quizzes' due date and the escalation timer). */
    public static final String READY_BY = "readyBy";
    /** List of user ids: the agents with something to learn in this round, one quiz each. */
    public static final String AGENTS = "briefingAgents";
    public static final String AGENT = "briefingAgent";
    /** Integer (the quiz task's own): which attempt of this round it is, and how many failed before it. */
    public static final String QUIZ_ATTEMPT = "quizAttempt";
    public static final String FAILED_ATTEMPTS = "failedAttempts";
    /** String (local to the answer task's event sub-process): the question asked. */
    public static final String QUESTION_ID = "briefingQuestionId";

    // notes task
    public static final String NOTES = "briefingNotes";
    public static final String RULES = "briefingRules";
    public static final String GENERATED_QUESTIONS = "generatedQuestions";
    /** Ops' own yes/no questions: {@code opsQuestion1}, {@code opsAnswer1} ("yes"/"no"), {@code opsRule1}, … */
    public static final String OPS_QUESTION = "opsQuestion";
    public static final String OPS_ANSWER = "opsAnswer";
    public static final String OPS_RULE = "opsRule";
    // quiz task
    public static final String QUIZ_QUESTION = "quizQuestion";  // + slot number, e.g. quizQuestion1 (shown)
    public static final String QUIZ_OPTIONS = "quizOptions";    // + slot number: Json [{label, value}]
    public static final String QUIZ_ANSWER = "quizAnswer";      // + slot number: the agent's choice (the field)
    public static final String QUIZ_INTRO = "quizIntro";
    public static final String QUIZ_FEEDBACK = "quizFeedback";
    public static final String ANSWERED_QUESTIONS = "briefingAnswers";
    /** The agent's own question for ops (答疑), optional. */
    public static final String AGENT_QUESTION = "agentQuestion";
    // answer task
    public static final String ASKED = "askedQuestion";
    public static final String ANSWER = "questionAnswer";
    // follow-up task
    public static final String READINESS = "briefingReadiness";
    public static final String FOLLOW_UP_NOTE = "followUpNote";

    private Vars() {}
  }

  /** How many questions one quiz form holds (its slots); more are asked in the next attempt. */
  public static final int QUIZ_SLOTS = 10;
  /** How many own questions ops may add in one round's notes task (the form's slots). */
  public static final int OPS_SLOTS = 3;

  /** Where a briefing stands (PC_BRIEFING.STATUS). */
  public static final class Status {
    public static final String PREPARING = "PREPARING";
    public static final String NOTES_PENDING = "NOTES_PENDING";
    public static final String QUIZ_OPEN = "QUIZ_OPEN";
    public static final String ALL_READY = "ALL_READY";
    public static final String CLOSED = "CLOSED";
    /** Not a status: the round's readiness deadline passed with agents not ready (the round records when). */
    public static final String ESCALATED = "ESCALATED";

    private Status() {}
  }

  /** The briefing's status at each element, applied by engine.DerivedStatus whatever path the process took. */
  public static final Map<String, String> STATUS_OF = Map.of(
      Elements.TASK_PREPARE_ROUND, Status.PREPARING,
      Elements.TASK_PUBLISH_NOTES, Status.NOTES_PENDING,
      Elements.TASK_OPEN_QUIZ, Status.QUIZ_OPEN,
      Elements.TASK_FOLLOW_UP_NOT_READY, Status.ESCALATED,
      Elements.END_ALL_READY, Status.ALL_READY,
      Elements.END_BRIEFING_CLOSED, Status.CLOSED);

  /** The wait states and end events that keep the briefing's status, and why (see ProcessStatuses#keepsStatus). */
  public static final Map<String, String> KEEPS_STATUS = Map.of(
      Elements.TASK_TAKE_QUIZ, "one quiz per agent inside the round: QUIZ_OPEN",
      Elements.END_AGENT_READY, "one agent's branch ends; the round goes on",
      Elements.END_AGENTS_QUIZZED, "the agents' branch ends; readiness decides the status",
      Elements.TASK_ANSWER_QUESTION, "a question beside the round, which goes on",
      Elements.END_QUESTION_ANSWERED, "the question's branch ends",
      Elements.END_NOT_READY_FOLLOWED_UP, "the escalation's branch ends: ESCALATED until all are ready",
      Elements.GATEWAY_WAIT_FOR_CORRECTION, "ALL_READY (or ESCALATED) until a correction re-opens a round or the "
          + "campaign's report window ends",
      Elements.EVENT_CAMPAIGN_CORRECTED, "as the gateway",
      Elements.TIMER_CAMPAIGN_OVER, "as the gateway");

  private CampaignBriefingProcess() {}
}
