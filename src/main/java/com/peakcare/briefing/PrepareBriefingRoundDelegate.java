package com.peakcare.briefing;

import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.campaign.CampaignItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_PrepareRound (准备本轮宣贯): a round for the campaign's current version, the launch's or a correction's: its
 * questions made from every item (QuizGenerator), the items changed since the round before, and its readiness
 * deadline ({@code readyBy}, which the quizzes and the escalation timer use).
 */
@Component("prepareBriefingRoundDelegate")
class PrepareBriefingRoundDelegate implements JavaDelegate {

  private final Briefings briefings;
  private final CampaignFacts campaigns;
  private final BriefingSettings settings;

  PrepareBriefingRoundDelegate(Briefings briefings, CampaignFacts campaigns, BriefingSettings settings) {
    this.briefings = briefings;
    this.campaigns = campaigns;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    CampaignFacts.Campaign c = campaigns.find(code)
        .orElseThrow(() -> new IllegalStateException("campaign " + code + " is not registered"));
    CampaignFacts.Version v = campaigns.currentVersion(code);
    Optional<Round> previous = briefings.currentRound(code);
    Set<String> before = previous.map(r -> campaigns.version(code, r.version()).items().stream()
        .map(CampaignFacts::itemHash).collect(Collectors.toSet())).orElse(Set.of());
    List<String> changed = v.items().stream().filter(i -> !before.contains(CampaignFacts.itemHash(i)))
        .map(CampaignItem::id).toList();
    List<Question> questions = new ArrayList<>();
    for (CampaignItem item : v.items()) {
      String itemHash = CampaignFacts.itemHash(item);
      for (QuizGenerator.Generated g : QuizGenerator.questions(item, v::justification)) {
        questions.add(new Question(null, 0, 0, "item:" + itemHash + ":" + g.kind(), g.itemId(), Briefings.GENERATED,
            g.kind(), g.trap(), g.text(), g.options(), g.correct(), g.rule(), null));
      }
    }
    Instant readyBy = settings.readyBy(c.goLiveAt(), Instant.now());
    briefings.openRound(code, v.version(), v.hash(), changed, readyBy, questions);
    execution.setVariable(Vars.READY_BY, Date.from(readyBy));
  }
}
