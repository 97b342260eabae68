package com.peakcare.reminder;

import com.peakcare.order.Order;
import com.peakcare.order.Orders;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.web.ApiException;
import com.peakcare.web.RefuseUnknownFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment reminders over REST (issue 22): the operations department (its staff and supervisors, {@link
 * ReminderAuthority}) runs campaigns and reads their honest report, auditors read it; the shop's system (and
 * operations) mark buyers who opted out or are blocked; an order's plan and steps are readable by
 * the staff who run it and by the integrator that registered it.
 */
@RestController
@RequestMapping("/api/reminders")
@Validated
@Tag(name = "reminders", description = "催付 · Payment reminders: campaigns with a hold-out, each order's plan, and "
    + "the report of what reminders add")
class ReminderController {

  /** Operations' staff and supervisors (by department, {@link ReminderAuthority}). */
  static final String RUN = "@reminderAuthority.mayRun(authentication)";
  /** Who runs campaigns, and auditors (read-only). */
  static final String READ = "@reminderAuthority.mayRead(authentication)";

  private final ReminderCampaigns campaigns;
  private final ReminderReport report;
  private final ReminderRepository repository;
  private final Orders orders;
  private final ReminderAuthority authority;

  ReminderController(ReminderCampaigns campaigns, ReminderReport report, ReminderRepository repository,
      Orders orders, ReminderAuthority authority) {
    this.authority = authority;
    this.campaigns = campaigns;
    this.report = report;
    this.repository = repository;
    this.orders = orders;
  }

  @Schema(name = "ReminderCampaignRequest")
  @RefuseUnknownFields
  record CampaignRequest(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only")
          String campaignId,
      @NotBlank @Size(max = 128) String name,
      @Schema(description = "The hold-out share, 0 to 0.5 (default 0.10)") @DecimalMin("0") @DecimalMax("0.5")
          BigDecimal holdoutShare,
      @Schema(description = "A share per member tier (REGULAR, SILVER, GOLD, VIP, SVIP, NON_MEMBER), 0 to 0.5 each")
          Map<@Pattern(regexp = "REGULAR|SILVER|GOLD|VIP|SVIP|NON_MEMBER", message = "a member tier") String,
              @NotNull @DecimalMin("0") @DecimalMax("0.5") BigDecimal> tierShares) {}

  @Schema(name = "ReminderCampaign")
  record CampaignView(String campaignId, String name, String status, BigDecimal holdoutShare,
      Map<String, BigDecimal> tierShares, String salt, String createdBy, Instant startedAt, Instant endedAt) {
    static CampaignView of(Campaign c) {
      return new CampaignView(c.id(), c.name(), c.status(), c.holdoutShare(), ReminderCampaigns.tierShares(c),
          c.salt(), c.createdBy(), c.startedAt(), c.endedAt());
    }
  }

  @PostMapping("/campaigns")
  @PreAuthorize(RUN)
  @Operation(operationId = "startReminderCampaign", summary = "Starts a reminder campaign (operations: its staff and supervisors): from now "
      + "every unpaid order registered joins it; each buyer's group comes from a hash of its random salt")
  @ApiResponse(responseCode = "201", description = "The campaign, running")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the field")
  @ApiResponse(responseCode = "409", description = "Another campaign is running, or the id is taken")
  ResponseEntity<CampaignView> start(@Valid @RequestBody CampaignRequest request, Authentication auth) {
    Campaign c = campaigns.start(request.campaignId(), request.name(), request.holdoutShare(), request.tierShares(),
        auth.getName());
    return ResponseEntity.created(URI.create("/api/reminders/campaigns/" + c.id())).body(CampaignView.of(c));
  }

  @GetMapping("/campaigns")
  @PreAuthorize(READ)
  @Operation(operationId = "listReminderCampaigns", summary = "Every reminder campaign, newest first (operations, "
      + "auditors)")
  @ApiResponse(responseCode = "200", description = "The campaigns")
  List<CampaignView> list() {
    return campaigns.all().stream().map(CampaignView::of).toList();
  }

  @GetMapping("/campaigns/{campaignId}")
  @PreAuthorize(READ)
  @Operation(operationId = "getReminderCampaign", summary = "A reminder campaign (operations, auditors)")
  @ApiResponse(responseCode = "200", description = "The campaign")
  @ApiResponse(responseCode = "404", description = "No such campaign")
  CampaignView get(@PathVariable String campaignId) {
    return CampaignView.of(campaigns.find(campaignId));
  }

  @PostMapping("/campaigns/{campaignId}/end")
  @PreAuthorize(RUN)
  @Operation(operationId = "endReminderCampaign", summary = "Ends a campaign (operations: its staff and supervisors): orders registered "
      + "from now join none; its orders' steps already planned still run until paid or closed")
  @ApiResponse(responseCode = "200", description = "The campaign, ended")
  @ApiResponse(responseCode = "404", description = "No such campaign")
  @ApiResponse(responseCode = "409", description = "It has ended already")
  CampaignView end(@PathVariable String campaignId, Authentication auth) {
    return CampaignView.of(campaigns.end(campaignId, auth.getName()));
  }

  @GetMapping("/campaigns/{campaignId}/report")
  @PreAuthorize(READ)
  @Operation(operationId = "getReminderReport", summary = "What the campaign's reminders add (operations, auditors): per "
      + "group and stratum, with intervals, the naive rate labelled as such, the split check and a verdict",
      description = "Counts eligible orders as assigned (intention to treat). Paid rates carry Wilson 95 % intervals; "
          + "the incremental paid rate (reminded − hold-out) a Newcombe 95 % interval (method 10) and a two-sided "
          + "p-value (chi-square, Fisher's exact test where an expected cell is below 5). No verdict below the "
          + "minimum orders per group; 'not final' while the campaign runs or orders are open.")
  @ApiResponse(responseCode = "200", description = "The report")
  @ApiResponse(responseCode = "404", description = "No such campaign")
  ReminderReport.Report report(@PathVariable String campaignId) {
    return report.of(campaignId);
  }

  @GetMapping(value = "/campaigns/{campaignId}/report.csv", produces = "text/csv")
  @PreAuthorize(READ)
  @Operation(operationId = "getReminderReportCsv", summary = "The report's comparisons as CSV (operations, "
      + "auditors)")
  @ApiResponse(responseCode = "200", description = "One row per stratum", content = @Content(mediaType = "text/csv",
      schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", description = "No such campaign", content = @Content(
      mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/ProblemDetail")))
  ResponseEntity<String> csv(@PathVariable String campaignId) {
    String body = ReminderCsv.of(report.of(campaignId));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"reminder-report-" + campaignId + ".csv\"").body(body);
  }

  @Schema(name = "ReminderPlanning")
  record Planning(double baseline, double uplift, double holdoutShare, double alpha, double power, long orders,
      long holdoutOrders, long remindedOrders, String text) {}

  @GetMapping("/planning")
  @PreAuthorize(READ)
  @Operation(operationId = "planReminderCampaign", summary = "Orders a campaign needs (operations, auditors): for the "
      + "hold-out's expected paid rate, the smallest uplift worth knowing and a hold-out share")
  @ApiResponse(responseCode = "200", description = "The orders needed")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the parameter")
  Planning planning(@RequestParam @DecimalMin("0.001") @DecimalMax("0.999") double baseline,
      @RequestParam @DecimalMin("0.001") @DecimalMax("0.5") double uplift,
      @RequestParam(defaultValue = "0.10") @DecimalMin("0.01") @DecimalMax("0.5") double holdoutShare,
      @RequestParam(defaultValue = "0.05") @DecimalMin("0.001") @DecimalMax("0.2") double alpha,
      @RequestParam(defaultValue = "0.80") @DecimalMin("0.5") @DecimalMax("0.99") double power) {
    if (baseline + uplift >= 1) {
      throw ApiException.invalid("uplift", "基线加增量须小于 1 · baseline + uplift must be below 1");
    }
    long[] n = ReminderStats.ordersNeeded(baseline, uplift, holdoutShare, alpha, power);
    return new Planning(baseline, uplift, holdoutShare, alpha, power, n[0], n[1], n[2], "约需 " + n[0] + " 单合格订单（对照组 "
        + n[1] + "，催付组 " + n[2] + "） · about " + n[0] + " eligible orders (" + n[1] + " hold-out, " + n[2]
        + " reminded)");
  }

  @Schema(name = "ReminderBuyerFlag")
  @RefuseUnknownFields
  record Flag(@NotNull @Pattern(regexp = "OPT_OUT|BLOCKED", message = "OPT_OUT or BLOCKED") String kind) {}

  @PutMapping("/buyers/{buyerId}/flag")
  @PreAuthorize("hasAuthority('GROUP_integrators') or " + RUN)
  @Operation(operationId = "flagReminderBuyer", summary = "A buyer gets no reminders from now (integrators, "
      + "operations): OPT_OUT (the buyer asked) or BLOCKED (the shop's block list); pending steps are skipped when due")
  @ApiResponse(responseCode = "200", description = "The flag, set")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the field")
  Flag flag(@PathVariable @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+",
      message = "letters, digits and . _ - @ only") String buyerId, @Valid @RequestBody Flag flag, Authentication auth) {
    repository.setFlag(buyerId, flag.kind(), auth.getName(), Instant.now());
    return flag;
  }

  @DeleteMapping("/buyers/{buyerId}/flag")
  @PreAuthorize("hasAuthority('GROUP_integrators') or " + RUN)
  @Operation(operationId = "unflagReminderBuyer", summary = "The buyer may be reminded again (integrators, "
      + "operations)")
  @ApiResponse(responseCode = "204", description = "No flag any more")
  @ApiResponse(responseCode = "404", description = "The buyer had no flag")
  ResponseEntity<Void> unflag(@PathVariable String buyerId) {
    if (!repository.clearFlag(buyerId)) {
      throw ApiException.notFound("reminder flag of buyer " + buyerId);
    }
    return ResponseEntity.noContent().build();
  }

  @Schema(name = "ReminderStep")
  record StepView(int step, String channel, String template, Instant dueAt, String state, String reason,
      String noticeKey, Instant doneAt, String callOutcome) {}

  @Schema(name = "ReminderOrder")
  record OrderView(String orderNo, String campaignId, String group, String tier, String itemRole, String category,
      BigDecimal amount, Instant orderedAt, Instant closeAt, String state, String skipReason, Instant paidAt,
      int messagesSent, List<StepView> steps) {}

  @GetMapping("/orders/{orderNo}")
  @PreAuthorize("hasAuthority('GROUP_integrators') or " + READ)
  @Operation(operationId = "getReminderOrder", summary = "An order's reminder plan: its group, its steps and what "
      + "became of each (operations, auditors, the integrator that registered it)")
  @ApiResponse(responseCode = "200", description = "The order's plan")
  @ApiResponse(responseCode = "404", description = "The order is in no campaign (or, for an integrator, another "
      + "account registered it)")
  OrderView order(@PathVariable String orderNo, Authentication auth) {
    boolean staff = authority.mayRead(auth);
    if (!staff && !orders.find(orderNo).map(Order::registeredBy).filter(auth.getName()::equals).isPresent()) {
      throw ApiException.notFound("reminder plan of order " + orderNo);
    }
    ReminderRepository.OrderRow o = repository.order(orderNo)
        .orElseThrow(() -> ApiException.notFound("reminder plan of order " + orderNo));
    return new OrderView(o.orderNo(), o.campaignId(), o.group(), o.tier(), o.itemRole(), o.category(), o.amount(),
        o.orderedAt(), o.closeAt(), o.state(), o.skipReason(), o.paidAt(), o.messagesSent(),
        repository.steps(orderNo).stream().map(s -> new StepView(s.stepNo(), s.channel(), s.template(), s.dueAt(),
            s.state(), s.reason(), s.noticeKey(), s.doneAt(), s.callOutcome())).toList());
  }
}
