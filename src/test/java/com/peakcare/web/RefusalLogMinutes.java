package com.peakcare.web;

/**
 * For tests in other packages that assert a refusal's one log line: the suite shares one JVM, so other tests' refusals
 * of the same kind may have used this minute's share ({@link RefusalLog#PER_MINUTE}) before such a test runs, and its
 * line would rightly be left out. Starting the kind's minute afresh makes the assertion about the request at hand.
 */
public final class RefusalLogMinutes {

  private RefusalLogMinutes() {}

  /** Ends the current minute of each kind ("api-403", "engine-400" …): the next refusal of it is written. */
  public static void startAfresh(String... kinds) {
    for (String kind : kinds) {
      RefusalLog.endMinute(kind);
    }
  }
}
