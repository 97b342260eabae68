package com.peakcare.complaint;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times of the complaint process the shop tunes ({@code peakcare.complaints.*}); the targets and promises themselves
 * are the shop's table (processes/complaint-targets.dmn). The model reads them as {@code ${complaintSettings.…}}.
 */
@Component("complaintSettings")
public class ComplaintSettings {

  private final String followUpInterval;
  private final String surveyDelay;

  ComplaintSettings(@Value("${peakcare.complaints.follow-up-interval:P1D}") String followUpInterval,
      @Value("${peakcare.complaints.survey-delay:P3D}") String surveyDelay) {
    this.followUpInterval = java.time.Duration.parse(normal(followUpInterval)).isNegative() ? "P1D" : followUpInterval;
    this.surveyDelay = surveyDelay;
    java.time.Period.parse(surveyDelay.contains("T") ? "P0D" : surveyDelay); // fails the start on a bad value
  }

  /** Between two follow-up attempts without an answer (ISO-8601 duration): the attempts are spread over days. */
  public String followUpInterval() {
    return followUpInterval;
  }

  /** After the close, how long until the 回访 survey (a customer who comes back before re-opens instead). */
  public String surveyDelay() {
    return surveyDelay;
  }

  private static String normal(String duration) {
    return duration.contains("T") ? duration : duration.replace("D", "DT0S");
  }
}
