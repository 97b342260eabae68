package com.peakcare.briefing;

import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_OpenQuiz (开放测验): once the notes are out, every member of after-sales with something to learn in this round
 * (a question of the round they have not answered in a passed quiz) gets a quiz; after a correction that is the
 * changed items only, for whoever passed before.
 */
@Component("openBriefingQuizDelegate")
class OpenBriefingQuizDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(OpenBriefingQuizDelegate.class);

  private final Briefings briefings;
  private final BriefingPeople people;

  OpenBriefingQuizDelegate(Briefings briefings, BriefingPeople people) {
    this.briefings = briefings;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    int round = briefings.require(code).currentRound();
    List<Question> questions = briefings.questions(code, round);
    List<String> agents = people.agents().stream()
        .filter(agent -> !briefings.uncovered(code, agent, questions).isEmpty()).toList();
    briefings.quizOpened(code, round);
    execution.setVariable(Vars.AGENTS, new ArrayList<>(agents));
    log.info("campaign {} briefing round {}: quiz opened for {}", code, round, agents);
  }
}
