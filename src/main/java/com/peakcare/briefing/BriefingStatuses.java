package com.peakcare.briefing;

import com.peakcare.briefing.CampaignBriefingProcess.Status;
import com.peakcare.engine.status.ProcessStatuses;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A briefing's status, derived from where its process stands ({@link CampaignBriefingProcess#STATUS_OF}); reaching
 * the readiness follow-up records the round's escalation instead, and the end of a round records how it ended.
 */
@Component
class BriefingStatuses implements ProcessStatuses {

  private final Briefings briefings;

  BriefingStatuses(Briefings briefings) {
    this.briefings = briefings;
  }

  @Override
  public String processKey() {
    return CampaignBriefingProcess.KEY;
  }

  @Override
  public Map<String, String> statuses() {
    return CampaignBriefingProcess.STATUS_OF;
  }

  @Override
  public Map<String, String> keepsStatus() {
    return CampaignBriefingProcess.KEEPS_STATUS;
  }

  @Override
  public void apply(String code, String processInstanceId, String status) {
    int round = briefings.find(code).map(BriefingRecords.Briefing::currentRound).orElse(0);
    if (Status.ESCALATED.equals(status)) {
      briefings.escalated(code, round);
      return;
    }
    briefings.setStatus(code, status);
    if (Status.ALL_READY.equals(status) || Status.CLOSED.equals(status)) {
      briefings.endRound(code, round, status);
    }
  }
}
