package com.peakcare.notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code peakcare.notice.retry-cycle} read the way Camunda reads a job's retry time cycle, for the outbox poller:
 * {@code R5/PT1M} is five attempts in all, a minute apart (as the notice-delivery job: retries 4, 3, 2, 1, then the
 * incident); a list {@code PT1M,PT5M,PT30M} is one attempt more than its pauses, each pause after its attempt.
 */
record RetryCycle(int attempts, List<Duration> pauses) {

  private static final Pattern REPEAT = Pattern.compile("R(\\d+)/(P.+)");

  static RetryCycle parse(String cycle) {
    String text = cycle == null ? "" : cycle.strip();
    Matcher m = REPEAT.matcher(text);
    try {
      if (m.matches()) {
        int n = Integer.parseInt(m.group(1));
        if (n < 1) {
          throw new IllegalArgumentException("at least one attempt");
        }
        return new RetryCycle(n, List.of(Duration.parse(m.group(2))));
      }
      List<Duration> pauses = new ArrayList<>();
      for (String part : text.split(",")) {
        pauses.add(Duration.parse(part.strip()));
      }
      return new RetryCycle(pauses.size() + 1, List.copyOf(pauses));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("peakcare.notice.retry-cycle '" + cycle + "' is neither R<n>/<duration> nor"
          + " a list of durations: " + e.getMessage(), e);
    }
  }

  /** The pause after a failed attempt, given the attempts still left after it (at least 1). */
  Duration pauseBefore(int attemptsLeft) {
    int done = attempts - attemptsLeft; // attempts made so far, at least 1
    return pauses.get(Math.min(Math.max(done - 1, 0), pauses.size() - 1));
  }
}
