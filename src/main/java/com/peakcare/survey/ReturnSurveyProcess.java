package com.peakcare.survey;

import java.util.Map;

/**
 * The 回访 of a closed return case ({@code processes/return-survey.bpmn}, business key the return number): started by
 * PeakCare when a return case reaches its closed end ({@link ReturnSurveyStart}), it waits the configured delay, sends
 * one survey when somebody worked the case (and not an agent's own case), and gives the agent's superior a recovery
 * task on a low score or "not solved".
 */
public final class ReturnSurveyProcess {

  public static final String KEY = "return-survey";
  /** The return model's end where a case closes refunded or replaced (the only end that gets a survey). */
  public static final String RETURN_CLOSED_END = "EndEvent_Closed";
  public static final String RETURN_PROCESS_KEY = "return-case";

  /** Element ids, as in the BPMN. */
  public static final class Elements {
    public static final String START = "StartEvent_ReturnCaseClosed";
    public static final String TIMER_SURVEY_DUE = "Timer_ReturnSurveyDue";
    public static final String GATEWAY_SURVEY_WANTED = "Gateway_ReturnSurveyWanted";
    public static final String END_NO_SURVEY = "EndEvent_NoReturnSurvey";
    public static final String TASK_SEND_SURVEY = "Task_SendReturnSurvey";
    public static final String GATEWAY_SURVEY_ANSWER = "Gateway_ReturnSurveyAnswerOrExpiry";
    public static final String EVENT_SURVEY_ANSWERED = "Event_ReturnSurveyAnswered";
    public static final String TIMER_SURVEY_EXPIRED = "Timer_ReturnSurveyExpired";
    public static final String END_UNANSWERED = "EndEvent_ReturnSurveyUnanswered";
    public static final String GATEWAY_RECOVERY_NEEDED = "Gateway_ReturnRecoveryNeeded";
    public static final String END_SURVEYED = "EndEvent_ReturnSurveyed";
    public static final String TASK_RECOVER = "Task_RecoverAfterReturnSurvey";
    public static final String END_RECOVERED = "EndEvent_ReturnRecovered";

    private Elements() {}
  }

  /** Messages the model waits for. */
  public static final class Messages {
    public static final String SURVEY_ANSWERED = CaseSurveys.ANSWERED;

    private Messages() {}
  }

  /** Form field keys. */
  public static final class Vars {
    public static final String RECOVERY_NOTE = "recoveryNote";
    public static final String SURVEY_ANSWER = "surveyAnswer";
    public static final String CASE_SUMMARY = "caseSummary";

    private Vars() {}
  }

  /** Nothing of the return's status changes after its close; listed for the status rules' completeness check. */
  public static final Map<String, String> STATUS_OF = Map.of();

  private ReturnSurveyProcess() {}
}
