package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import com.peakcare.engine.gate.EngineGate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A new campaign: checked, registered with its pre-check, and its campaign-check process started. */
@Service
class CampaignRegistration {

  private static final Logger log = LoggerFactory.getLogger(CampaignRegistration.class);
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final CampaignService campaigns;
  private final CampaignCheckers checkers;
  private final CampaignSettings settings;
  private final RuntimeService runtime;
  private final EngineGate gate;

  CampaignRegistration(CampaignService campaigns, CampaignCheckers checkers, CampaignSettings settings,
      RuntimeService runtime, EngineGate gate) {
    this.campaigns = campaigns;
    this.checkers = checkers;
    this.settings = settings;
    this.runtime = runtime;
    this.gate = gate;
  }

  record NewCampaign(String code, String name, Instant goLiveAt, Instant allHandsDeadline, List<CampaignItem> items) {}

  /** REST: registers, pre-checks and starts the process in one transaction; returns the registered campaign. */
  @Transactional
  Campaign start(NewCampaign n, String setter) {
    registerAndStart(n, setter);
    return campaigns.require(n.code());
  }

  /** Tasklist's start form (or the engine API's start): the same checks, the same registration. */
  @Transactional
  ProcessInstanceWithVariables startFromForm(NewCampaign n, String setter) {
    return registerAndStart(n, setter);
  }

  /**
   * The campaign's record first (its setter is whoever registers it: the record, not a variable, decides four-eyes),
   * then its process, started by PeakCare itself with the few variables it routes on and shows.
   */
  private ProcessInstanceWithVariables registerAndStart(NewCampaign n, String setter) {
    Instant deadline = check(n, setter);
    Campaign c = campaigns.register(n.code(), n.name().trim(), n.goLiveAt(), deadline, n.items(), setter);
    Map<String, Object> vars = new HashMap<>();
    vars.put(Vars.CAMPAIGN_CODE, c.code());
    vars.put(Vars.SETTER, setter);
    vars.put(Vars.GO_LIVE_AT, Date.from(c.goLiveAt()));
    vars.put(Vars.ALL_HANDS_DEADLINE, Date.from(c.allHandsDeadline()));
    ProcessInstanceWithVariables pi = gate.asPeakCare(() -> runtime.createProcessInstanceByKey(CampaignCheckProcess.KEY)
        .businessKey(c.code()).setVariables(vars).executeWithVariablesInReturn());
    log.info("campaign {} check started (process {}) by {}", c.code(), pi.getId(), setter);
    return pi;
  }

  /** Checks a new campaign; returns its all-hands deadline (given, or the configured lead before go-live). */
  Instant check(NewCampaign n, String setter) {
    List<FieldProblem> problems = new ArrayList<>();
    if (n.code() == null || !CODE.matcher(n.code()).matches()) {
      problems.add(new FieldProblem("code", "1 to 64 letters, digits, '-' or '_', starting with a letter or digit"));
    }
    if (n.name() == null || n.name().isBlank() || n.name().length() > 200) {
      problems.add(new FieldProblem("name", "required, at most 200 characters"));
    }
    Instant now = Instant.now();
    Instant deadline = null;
    if (n.goLiveAt() == null) {
      problems.add(new FieldProblem("goLiveAt", "required (ISO-8601 date and time with offset)"));
    } else if (!n.goLiveAt().isAfter(now)) {
      problems.add(new FieldProblem("goLiveAt", "must be in the future"));
    } else if (n.goLiveAt().isAfter(now.plus(java.time.Duration.ofDays(366)))) {
      problems.add(new FieldProblem("goLiveAt", "at most a year ahead: a campaign check runs in the weeks before go-live"));
    } else {
      deadline = n.allHandsDeadline() != null ? n.allHandsDeadline() : n.goLiveAt().minus(settings.allHandsLead());
      if (n.allHandsDeadline() != null && !n.allHandsDeadline().isBefore(n.goLiveAt())) {
        problems.add(new FieldProblem("allHandsDeadline", "must be before goLiveAt"));
      } else if (!deadline.isAfter(now)) {
        problems.add(new FieldProblem(n.allHandsDeadline() != null ? "allHandsDeadline" : "goLiveAt",
            "the all-hands deadline (" + deadline + ") would already be past"));
      }
    }
    if (checkers.peerCandidates(setter).isEmpty()) {
      problems.add(new FieldProblem("setter", setter + " has no colleague in their department to do the peer check"));
    }
    try {
      campaigns.validateItems(n.items(), "items");
    } catch (ApiException e) {
      problems.addAll(e.errors());
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: "
          + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()), problems);
    }
    if (campaigns.find(n.code()).isPresent()) {
      throw ApiException.conflict("campaign " + n.code() + " already exists");
    }
    return deadline;
  }
}
