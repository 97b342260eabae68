package com.peakcare.briefing;

import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Briefing;
import com.peakcare.briefing.BriefingRecords.Credit;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaign briefings over REST: who is ready (supervisors), what agents read (the notes and answers), the credits. */
@RestController
@RequestMapping("/api")
@Tag(name = "briefings", description = "Campaign briefings (活动宣贯答疑): quizzes, readiness, questions, credits")
class BriefingController {

  private final Briefings briefings;
  private final Readiness readiness;
  private final BriefingCredits credits;
  private final BriefingPeople people;
  private final BriefingSettings settings;
  private final Quizzes quizzes;
  private final CampaignFacts campaigns;

  BriefingController(Briefings briefings, Readiness readiness, BriefingCredits credits, BriefingPeople people,
      BriefingSettings settings, Quizzes quizzes, CampaignFacts campaigns) {
    this.briefings = briefings;
    this.readiness = readiness;
    this.credits = credits;
    this.people = people;
    this.settings = settings;
    this.quizzes = quizzes;
    this.campaigns = campaigns;
  }

  record RoundView(int round, int version, String reason, List<String> changedItems, Instant readyBy, String notesBy,
      Instant notesAt, Instant quizOpenedAt, Instant escalatedAt, String followedUpBy, String followUpNote,
      Instant endedAt, String outcome, int questions) {}

  record BriefingView(String campaign, String campaignName, String setter, Instant goLiveAt, String stage,
      String status, int passMark, boolean allReady, RoundView round, List<RoundView> rounds, List<String> passed,
      List<String> notYet, List<String> failedTwice, List<Readiness.Agent> agents, List<AskedQuestion> openQuestions,
      List<AskedQuestion> questions) {}

  @GetMapping("/campaigns/{code}/briefing")
  @PreAuthorize("hasAnyAuthority('GROUP_supervisors', 'GROUP_auditors', 'GROUP_ops', 'GROUP_camunda-admin')")
  @Operation(operationId = "getCampaignBriefing", summary = "Who is ready for a live campaign's briefing: passed, not "
      + "yet, failed twice, open questions (supervisors, auditors, the campaign's ops)")
  @ApiResponse(responseCode = "200", description = "The briefing's readiness")
  @ApiResponse(responseCode = "404", description = "No such campaign, or it has no briefing yet (not launched)")
  BriefingView get(@PathVariable String code, Authentication auth) {
    CampaignFacts.Campaign c = campaign(code);
    if (!has(auth, Groups.SUPERVISORS) && !has(auth, Groups.AUDITORS) && !has(auth, Groups.CAMUNDA_ADMIN)
        && !people.isCampaignOps(auth.getName(), c.setter())) {
      throw ApiException.forbidden("only supervisors, auditors and the ops of campaign " + code + " (its setter's "
          + "department) see its briefing");
    }
    Briefing b = briefing(code);
    Readiness.View v = readiness.of(code);
    List<RoundView> rounds = briefings.rounds(code).stream().map(r -> roundView(code, r)).toList();
    return new BriefingView(code, c.name(), c.setter(), c.goLiveAt(), c.stage().name(), b.status(),
        settings.passMark(), v.allReady(), v.round() == null ? null : roundView(code, v.round()), rounds, v.passed(),
        v.notYet(), v.failedTwice(), v.agents(), v.openQuestions(), briefings.askedQuestions(code));
  }

  record NotesView(int round, int version, String reason, List<String> changedItems, String notes, String notesBy,
      Instant notesAt) {}

  record FaqView(String campaign, String rules, List<NotesView> notes, List<AskedQuestion> answered) {}

  @GetMapping("/campaigns/{code}/briefing/faq")
  @PreAuthorize("hasAnyAuthority('GROUP_after-sales', 'GROUP_supervisors', 'GROUP_auditors', 'GROUP_ops', "
      + "'GROUP_camunda-admin')")
  @Operation(operationId = "getCampaignBriefingFaq", summary = "What every agent of a live campaign reads: the rules, "
      + "ops' briefing notes of each round and every answered question (after-sales, supervisors, auditors, ops)")
  @ApiResponse(responseCode = "200", description = "The briefing's notes and answered questions")
  @ApiResponse(responseCode = "404", description = "No such campaign, or it has no briefing yet (not launched)")
  FaqView faq(@PathVariable String code) {
    campaign(code);
    briefing(code);
    Round current = briefings.currentRound(code).orElse(null);
    return new FaqView(code, current == null ? null : quizzes.rulesText(code, current),
        briefings.rounds(code).stream().map(r -> new NotesView(r.round(), r.version(), r.reason(), r.changedItems(),
            r.notes(), r.notesBy(), r.notesAt())).toList(),
        briefings.askedQuestions(code).stream().filter(q -> !q.open()).toList());
  }

  @GetMapping("/briefing-credits")
  @Operation(operationId = "listBriefingCredits", summary = "Passed quizzes and answered questions by campaign and/or "
      + "person, append-only: your own, or anyone's for supervisors and auditors")
  @ApiResponse(responseCode = "200", description = "One page of the credits, oldest first")
  @ApiResponse(responseCode = "403", description = "Another person's credits, asked by someone who is not a supervisor "
      + "or auditor")
  List<Credit> credits(@RequestParam(required = false) String campaign, @RequestParam(required = false) String person,
      com.peakcare.web.ListPage page, Authentication auth) {
    boolean all = has(auth, Groups.SUPERVISORS) || has(auth, Groups.AUDITORS);
    if (!all && person != null && !person.equals(auth.getName())) {
      throw ApiException.forbidden("only supervisors and auditors read other people's briefing credits");
    }
    return credits.find(campaign, all ? person : auth.getName(), page.checked());
  }

  private RoundView roundView(String code, Round r) {
    return new RoundView(r.round(), r.version(), r.reason(), r.changedItems(), r.readyBy(), r.notesBy(), r.notesAt(),
        r.quizOpenedAt(), r.escalatedAt(), r.followedUpBy(), r.followUpNote(), r.endedAt(), r.outcome(),
        briefings.questions(code, r.round()).size());
  }

  private CampaignFacts.Campaign campaign(String code) {
    return campaigns.find(code).orElseThrow(() -> ApiException.notFound("campaign " + code));
  }

  private Briefing briefing(String code) {
    return briefings.find(code).orElseThrow(() -> ApiException.notFound("the briefing of campaign " + code
        + " (it opens when the campaign is approved for launch)"));
  }

  private static boolean has(Authentication auth, String group) {
    return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Groups.authority(group)));
  }
}
