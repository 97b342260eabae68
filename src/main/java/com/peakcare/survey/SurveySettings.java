package com.peakcare.survey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code peakcare.survey.*}: how long a survey link stays valid (the process waits as long), the score at or below
 * which the superior gets a recovery task, where the link points, and the server secret the links are signed with.
 * The model reads {@code ${surveySettings.validFor()}}.
 */
@Component("surveySettings")
public class SurveySettings {

  private static final Logger log = LoggerFactory.getLogger(SurveySettings.class);

  private final String validFor;
  private final String returnDelay;
  private final int lowScore;
  private final String linkBase;
  private final byte[] secret;

  SurveySettings(@Value("${peakcare.survey.valid-for:P14D}") String validFor,
      @Value("${peakcare.survey.low-score:2}") int lowScore,
      @Value("${peakcare.survey.link-base:https://peakcare.example}") String linkBase,
      @Value("${peakcare.survey.secret:}") String secret,
      @Value("${peakcare.survey.return-delay:P3D}") String returnDelay) {
    java.time.Duration.parse(returnDelay.startsWith("PT") ? returnDelay : "PT0S"); // a bad value fails the start
    if (!returnDelay.startsWith("PT")) {
      Period.parse(returnDelay);
    }
    this.returnDelay = returnDelay;
    Period period = Period.parse(validFor); // a bad value fails the start, not the first survey
    if (period.toTotalMonths() != 0 || period.getDays() < 1) {
      throw new IllegalStateException("peakcare.survey.valid-for must be whole days (P14D), not " + validFor);
    }
    if (lowScore < 1 || lowScore > 4) {
      throw new IllegalStateException("peakcare.survey.low-score must be 1 to 4, not " + lowScore);
    }
    this.validFor = validFor;
    this.lowScore = lowScore;
    this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    if (secret.isBlank()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      this.secret = random;
      log.warn("peakcare.survey.secret is not set: survey links are signed with a random secret of this start and "
          + "stop working after a restart or on another node (set PEAKCARE_SURVEY_SECRET)");
    } else if (secret.length() < 32) {
      throw new IllegalStateException("peakcare.survey.secret must have at least 32 characters");
    } else {
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** ISO-8601 period: the link's validity and the process's wait for the answer. */
  public String validFor() {
    return validFor;
  }

  /** ISO-8601: after a return case closed, how long until its 回访 survey. */
  public String returnDelay() {
    return returnDelay;
  }

  Duration validity() {
    return Duration.ofDays(Period.parse(validFor).getDays());
  }

  /** A score at or below this gives the superior a recovery task. */
  public int lowScore() {
    return lowScore;
  }

  String link(String token) {
    return linkBase + SurveyController.PATH.replace("{token}", token);
  }

  byte[] secret() {
    return secret.clone();
  }
}
