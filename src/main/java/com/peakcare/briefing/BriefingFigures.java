package com.peakcare.briefing;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Briefings' readiness for the big-sale dashboard (issue 25): per campaign with a briefing, how many agents are ready,
 * not yet, or failed twice in its current round, as supervisors see it on the briefing itself ({@link Readiness}).
 * Its cost grows with the agents of after-sales times the campaigns asked for (docs/dashboard.md), not with the sale.
 */
@Service
public class BriefingFigures {

  /** One campaign's briefing: its status, current round and its ready-by, and the agents by readiness. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardBriefingReadiness")
  public record BriefingReadiness(String campaign, String status, Integer round, Instant readyBy, int ready,
      int notYet, int failedTwice, int openQuestions) {}

  private final Briefings briefings;
  private final Readiness readiness;

  BriefingFigures(Briefings briefings, Readiness readiness) {
    this.briefings = briefings;
    this.readiness = readiness;
  }

  /** The readiness of each of these campaigns that has a briefing. */
  public Map<String, BriefingReadiness> readiness(Collection<String> campaigns) {
    Map<String, BriefingReadiness> byCampaign = new LinkedHashMap<>();
    for (String code : campaigns) {
      briefings.find(code).ifPresent(b -> {
        Readiness.View v = readiness.of(code);
        byCampaign.put(code, new BriefingReadiness(code, b.status(), v.round() == null ? null : v.round().round(),
            v.round() == null ? null : v.round().readyBy(), v.passed().size(), v.notYet().size(),
            v.failedTwice().size(), v.openQuestions().size()));
      });
    }
    return byCampaign;
  }
}
