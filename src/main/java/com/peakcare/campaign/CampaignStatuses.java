package com.peakcare.campaign;

import com.peakcare.engine.status.ProcessStatuses;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A campaign's stage, derived from where its check stands (see {@link CampaignCheckProcess#STAGE_OF}). */
@Component
class CampaignStatuses implements ProcessStatuses {

  private final CampaignService campaigns;

  CampaignStatuses(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public String processKey() {
    return CampaignCheckProcess.KEY;
  }

  @Override
  public Map<String, String> statuses() {
    return CampaignCheckProcess.STAGE_OF;
  }

  @Override
  public Map<String, String> keepsStatus() {
    return CampaignCheckProcess.KEEPS_STAGE;
  }

  @Override
  public void apply(String businessKey, String processInstanceId, String stage) {
    campaigns.setStage(businessKey, Stage.valueOf(stage));
  }
}
