package com.peakcare.campaign;

import com.peakcare.audit.SignOff;
import com.peakcare.audit.SignOffLedger;
import com.peakcare.audit.SignOffRequest;
import com.peakcare.campaign.CampaignRecords.AllHandsEntry;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.ErrorReport;
import com.peakcare.campaign.CampaignRecords.Finding;
import com.peakcare.campaign.CampaignRecords.LedgerEntry;
import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaign checks over REST: start one, see where it stands, report a customer's error, the ledger. */
@RestController
@RequestMapping("/api")
@Tag(name = "campaigns", description = "Four-stage pre-launch campaign checks, rewards and penalties")
class CampaignController {

  private static final String SEE_ALL_LEDGERS = "GROUP_" + Groups.AUDITORS;

  private final CampaignService campaigns;
  private final CampaignRegistration registration;
  private final SignOffLedger signOffs;
  private final RewardLedger ledger;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final CampaignCheckers checkers;

  CampaignController(CampaignService campaigns, CampaignRegistration registration, SignOffLedger signOffs,
      RewardLedger ledger, RuntimeService runtime, TaskService tasks, CampaignCheckers checkers) {
    this.campaigns = campaigns;
    this.registration = registration;
    this.signOffs = signOffs;
    this.ledger = ledger;
    this.runtime = runtime;
    this.tasks = tasks;
    this.checkers = checkers;
  }

  @Schema(name = "NewCampaign")
  record CreateCampaign(
      @NotBlank @Size(max = 64) String code,
      @NotBlank @Size(max = 200) String name,
      @NotNull OffsetDateTime goLiveAt,
      OffsetDateTime allHandsDeadline,
      @NotEmpty @Size(max = CampaignService.MAX_ITEMS) @Valid List<CampaignItem> items,
      @Size(max = 64) String setter) {}

  @PostMapping("/campaigns")
  @PreAuthorize("hasAnyAuthority('GROUP_ops', 'GROUP_integrators')")
  @Operation(operationId = "startCampaignCheck", summary = "Starts a campaign check; answers with the pre-check "
      + "findings (ops, integrators). Integrators name the setter; for ops the caller is the setter.")
  @ApiResponse(responseCode = "201", description = "The campaign, in its first stage, with the pre-check's findings",
      headers = @Header(name = "Location", description = "`/api/campaigns/{code}`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. an item type "
      + "that is not one of the allowed ones, a duplicate item id, or a setter named by someone who is not an "
      + "integrator")
  @ApiResponse(responseCode = "409", description = "A campaign with this code exists")
  ResponseEntity<CampaignView> create(@Valid @RequestBody CreateCampaign body, Principal principal,
      Authentication auth) {
    String setter = principal.getName();
    if (body.setter() != null && !body.setter().equals(setter)) {
      if (!has(auth, Groups.INTEGRATORS)) {
        throw ApiException.invalid("setter", "only integrators name a setter; you are the setter of your campaigns");
      }
      setter = body.setter();
    }
    String theSetter = setter;
    Campaign c = registration.start(new CampaignRegistration.NewCampaign(body.code(), body.name(),
        body.goLiveAt().toInstant(), body.allHandsDeadline() == null ? null : body.allHandsDeadline().toInstant(),
        body.items()), theSetter);
    return ResponseEntity.created(URI.create("/api/campaigns/" + c.code())).body(view(c.code(), auth));
  }

  @GetMapping("/campaigns/{code}")
  @PreAuthorize("hasAnyAuthority('GROUP_ops', 'GROUP_ux', 'GROUP_all-staff', 'GROUP_supervisors', 'GROUP_auditors',"
      + " 'GROUP_camunda-admin', 'GROUP_integrators')")
  @Operation(operationId = "getCampaign", summary = "Stage, versions, findings, sign-offs, all-hands roll, error "
      + "reports, rewards and penalties (staff and auditors; ledger entries of other people only for auditors). An "
      + "integrator (the shop's system) reads where a check stands: stage, versions and findings, none of the "
      + "people's records")
  @ApiResponse(responseCode = "200", description = "The campaign")
  @ApiResponse(responseCode = "404", description = "No such campaign")
  CampaignView get(@PathVariable String code, Authentication auth) {
    return view(code, auth);
  }

  @Schema(name = "Justification")
  record JustificationBody(@NotBlank @Size(max = 2000) String justification) {}

  @PostMapping("/campaigns/{code}/findings/{findingId}/justification")
  @Operation(operationId = "justifyFinding", summary = "The setter records why an open pre-check finding is "
      + "acceptable")
  @ApiResponse(responseCode = "200", description = "The finding, justified")
  @ApiResponse(responseCode = "403", description = "Only the campaign's setter justifies its findings")
  @ApiResponse(responseCode = "404", description = "No such campaign, or no such finding of its current version")
  @ApiResponse(responseCode = "409", description = "The campaign is live or closed, or the finding is justified "
      + "already")
  Finding justify(@PathVariable String code, @PathVariable String findingId, @Valid @RequestBody JustificationBody body,
      Principal principal) {
    Campaign c = campaigns.require(code);
    if (!c.setter().equals(principal.getName())) {
      throw ApiException.forbidden("only the setter " + c.setter() + " justifies the findings of " + code);
    }
    if (c.stage() == Stage.LIVE || c.stage() == Stage.CLOSED) {
      throw ApiException.conflict("campaign " + code + " is already " + c.stage().name().toLowerCase());
    }
    return campaigns.justify(code, findingId, body.justification().trim(), principal.getName());
  }

  record CustomerReport(
      @NotBlank @Size(max = 4000) String description,
      @Min(1) @Max(100) Integer errorCount,
      @Size(max = 200) String customer) {}

  @PostMapping("/campaigns/{code}/customer-reports")
  @PreAuthorize("hasAnyAuthority('GROUP_ops', 'GROUP_integrators', 'GROUP_after-sales', 'GROUP_ux', "
      + "'GROUP_supervisors')")
  @Operation(operationId = "reportCustomerError", summary = "Records an error a customer found after launch; a UX "
      + "member confirms it (then fines apply)")
  @ApiResponse(responseCode = "201", description = "The report, waiting for confirmation", headers = @Header(
      name = "Location", description = "`/api/campaigns/{code}`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", description = "No such campaign")
  @ApiResponse(responseCode = "409", description = "The campaign is not live: reports are taken after launch")
  @Transactional
  ResponseEntity<ErrorReport> customerReport(@PathVariable String code, @Valid @RequestBody CustomerReport body,
      Principal principal) {
    Campaign c = campaigns.require(code);
    if (c.stage() != Stage.LIVE) {
      throw ApiException.conflict("campaign " + code + " is not live (stage " + c.stage().name()
          + "): customer reports are taken after launch, until the report window closes");
    }
    String by = "customer" + (body.customer() == null || body.customer().isBlank() ? "" : " " + body.customer().trim())
        + " via " + principal.getName();
    int count = body.errorCount() == null ? 1 : body.errorCount();
    ErrorReport report = campaigns.report(code, c.currentVersion(), ErrorReportSource.CUSTOMER, by, count,
        body.description().trim());
    runtime.createMessageCorrelation(CampaignCheckProcess.MESSAGE_CUSTOMER_ERROR_REPORTED)
        .processInstanceBusinessKey(code)
        .setVariableLocal(CampaignCheckProcess.Vars.ERROR_REPORT_ID, report.id())
        .correlateWithResult();
    return ResponseEntity.created(URI.create("/api/campaigns/" + code)).body(report);
  }

  record Correction(
      @NotEmpty @Valid List<CampaignItem> items,
      @NotBlank @Size(max = 2000) String reason,
      @Size(max = 2000) String justification) {}

  @PostMapping("/campaigns/{code}/corrections")
  @PreAuthorize("hasAuthority('GROUP_ops')")
  @Operation(operationId = "correctCampaign", summary = "The setter corrects a live campaign: a new version, "
      + "pre-checked and signed as the setter's correction; whatever waits on the campaign's correction (its briefing) "
      + "hears of it")
  @ApiResponse(responseCode = "201", description = "The campaign with its new version")
  @ApiResponse(responseCode = "404", description = "No such campaign")
  @ApiResponse(responseCode = "409", description = "The campaign is not live, or the items are those of its current "
      + "version")
  @Transactional
  ResponseEntity<CampaignView> correct(@PathVariable String code, @Valid @RequestBody Correction body,
      Principal principal, Authentication auth) {
    Version v = campaigns.correct(code, body.items(), body.justification(), principal.getName());
    signOffs.sign(new SignOffRequest(code, CampaignFacts.CORRECTION_STAGE, "corrected after launch: "
        + body.reason().trim(), 0, principal.getName(), checkers.nameOf(principal.getName()), v.hash(), null));
    runtime.createMessageCorrelation(CampaignFacts.MESSAGE_CORRECTED).processInstanceBusinessKey(code).correlateAll();
    return ResponseEntity.created(URI.create("/api/campaigns/" + code)).body(view(code, auth));
  }

  @GetMapping("/campaign-ledger")
  @Operation(operationId = "listLedgerEntries", summary = "Rewards and penalties by campaign and/or person: your "
      + "own, or anyone's for auditors")
  @ApiResponse(responseCode = "200", description = "One page of the entries, oldest first")
  @ApiResponse(responseCode = "403", description = "Only auditors read other people's rewards and penalties")
  List<LedgerEntry> ledger(@RequestParam(required = false) String campaign,
      @RequestParam(required = false) String person, com.peakcare.web.ListPage page, Authentication auth) {
    boolean all = has(auth, Groups.AUDITORS);
    if (!all && person != null && !person.equals(auth.getName())) {
      throw ApiException.forbidden("only auditors read other people's rewards and penalties");
    }
    return ledger.find(campaign, all ? person : auth.getName(), page.checked());
  }

  // ---- view ------------------------------------------------------------------------------------------------

  @Schema(name = "CampaignTask")
  record TaskView(String id, String taskDefinitionKey, String name, String assignee, java.util.Date created) {}

  @Schema(name = "CampaignSignOff")
  record SignOffView(int seq, String stage, String meaning, int errorCount, String signerId, String signerName,
      String versionHash, boolean currentVersion, Instant signedAt) {}

  record CampaignView(String code, String name, String setter, Instant goLiveAt, Instant allHandsDeadline,
      @Schema(implementation = Stage.class)
      String stage, String stageLabel, String blockedReason, int currentVersion, String currentHash,
      Instant launchedAt, List<Finding> findings, List<Version> versions, List<TaskView> openTasks,
      List<SignOffView> signoffs, List<AllHandsEntry> allHands, List<ErrorReport> errorReports,
      List<LedgerEntry> ledger, Map<String, Object> ledgerTotals) {}

  private CampaignView view(String code, Authentication auth) {
    Campaign c = campaigns.require(code);
    List<Version> versions = campaigns.versions(code);
    Version current = versions.stream().filter(v -> v.version() == c.currentVersion()).findFirst().orElseThrow();
    if (!has(auth, Groups.ALL_STAFF) && !has(auth, Groups.AUDITORS) && !has(auth, Groups.CAMUNDA_ADMIN)) {
      // an integrator that started the check: where it stands and what to fix, none of the people's records
      return new CampaignView(c.code(), c.name(), c.setter(), c.goLiveAt(), c.allHandsDeadline(), c.stage().name(),
          c.stage().label(), c.blockedReason(), c.currentVersion(), current.hash(), c.launchedAt(),
          campaigns.findings(code, c.currentVersion()), versions, List.of(), List.of(), List.of(), List.of(), List.of(),
          Map.of());
    }
    List<TaskView> open = c.processInstanceId() == null ? List.of()
        : tasks.createTaskQuery().processInstanceId(c.processInstanceId()).orderByTaskCreateTime().asc().list()
            .stream().map(t -> new TaskView(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                t.getCreateTime())).toList();
    List<SignOff> signed = signOffs.forCampaign(code);
    List<SignOffView> signoffs = signed.stream().map(s -> new SignOffView(s.seq(), s.stage(), s.meaning(),
        s.errorCount(), s.signerId(), s.signerName(), s.versionHash(), s.versionHash().equals(current.hash()),
        s.signedAt())).toList();
    List<LedgerEntry> entries = ledger.find(code, null);
    if (!has(auth, Groups.AUDITORS)) {
      entries = entries.stream().filter(e -> e.person().equals(auth.getName())).toList();
    }
    Map<String, Object> totals = Map.of(
        "rewards", entries.stream().filter(e -> e.kind().equals(RewardLedger.REWARD))
            .map(LedgerEntry::amount).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add),
        "fines", entries.stream().filter(e -> !e.kind().equals(RewardLedger.REWARD))
            .map(LedgerEntry::amount).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
    return new CampaignView(c.code(), c.name(), c.setter(), c.goLiveAt(), c.allHandsDeadline(), c.stage().name(),
        c.stage().label(), c.blockedReason(), c.currentVersion(), current.hash(), c.launchedAt(),
        campaigns.findings(code, c.currentVersion()), versions, open, signoffs, campaigns.allHands(code),
        campaigns.errorReports(code), entries, totals);
  }

  private static boolean has(Authentication auth, String group) {
    return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Groups.authority(group)));
  }
}
