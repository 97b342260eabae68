package com.peakcare.briefing;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.StartDoor;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.stereotype.Component;

/** Nobody starts a briefing by hand (Tasklist, engine API): it opens when its campaign is approved for launch. */
@Component
class BriefingStartDoor implements StartDoor {

  @Override
  public String processKey() {
    return CampaignBriefingProcess.KEY;
  }

  @Override
  public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
    throw Refusal.forbidden("活动宣贯在活动批准上线时自动开始，不能手动发起 · A campaign briefing starts by itself when its "
        + "campaign is approved for launch");
  }
}
