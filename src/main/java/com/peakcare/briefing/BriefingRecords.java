package com.peakcare.briefing;

import java.time.Instant;
import java.util.List;

/** The briefing's own records, as its service and its API show them. */
final class BriefingRecords {

  /** One campaign's briefing: where it stands and which round is current. */
  record Briefing(String campaign, String processInstanceId, String status, int currentRound, Instant openedAt) {}

  /**
   * One round: the approved version it teaches, why it opened ({@code LAUNCH} or {@code CORRECTION}), the items that
   * changed since the round before, its deadline, the setter's notes, and how it ended.
   */
  record Round(int round, int version, String versionHash, String reason, List<String> changedItems, Instant readyBy,
      String notes, String notesBy, Instant notesAt, Instant openedAt, Instant quizOpenedAt, Instant escalatedAt,
      String followUpNote, String followedUpBy, Instant endedAt, String outcome) {}

  /** One option of a question: its value (a letter) and its text. */
  record Option(String value, String label) {}

  /**
   * A question of a round. {@code key} says what it asks about: the same item (by its hash) and kind, or the same ops
   * question, has the same key in every round, so an agent who answered it in a passed quiz is not asked again.
   */
  record Question(String id, int round, int seq, String key, String itemId, String source, String kind, String trap,
      String text, List<Option> options, String correct, String rule, String createdBy) {}

  /** A quiz an agent submitted, scored on the server. */
  record Attempt(String id, int round, String agent, int attempt, String taskId, int asked, int correct, int score,
      int passMark, boolean passed, List<String> wrongKeys, Instant submittedAt) {}

  /** A question an agent asked (答疑), and its answer once given. */
  record AskedQuestion(String id, int round, String askedBy, String question, Instant askedAt, String answer,
      String answeredBy, Instant answeredAt) {
    @com.fasterxml.jackson.annotation.JsonProperty("open")
    public boolean open() {
      return answer == null;
    }
  }

  /** An entry of the append-only credit record: a passed quiz, a question answered, a question asked and answered. */
  record Credit(String id, String campaign, String person, String kind, int round, String refId, String detail,
      Instant createdAt) {}

  private BriefingRecords() {}
}
