package com.peakcare.review;

/**
 * The serious-review process ({@code processes/serious-review.bpmn}): one instance per serious review, business key
 * {@code orderNo/sku}, started by PeakCare as the review arrives. The review and its words are PeakCare's record
 * (PC_REVIEW_SERIOUS); the process holds no variable. The complaints issue replaces its task by opening a complaint.
 */
public final class SeriousReviewProcess {

  public static final String KEY = "serious-review";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_SeriousReview";
    public static final String TASK_HANDLE = "Task_HandleSeriousReview";
    public static final String END_HANDLED = "EndEvent_SeriousReviewHandled";

    private Elements() {}
  }

  /** The form's fields and what it shows. */
  public static final class Vars {
    public static final String REVIEW = "seriousReview";
    public static final String WORDS = "seriousWords";
    public static final String CUSTOMER_CONTACTED = "customerContacted";
    public static final String HANDLING_NOTE = "handlingNote";

    private Vars() {}
  }

  /** The business key of a review's serious-review process. */
  static String businessKey(String orderNo, String sku) {
    return orderNo + "/" + sku;
  }

  private SeriousReviewProcess() {}
}
