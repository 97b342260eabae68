package com.peakcare.complaint;

import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import com.peakcare.web.RefuseUnknownFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Complaints for the shop's system and after-sales staff (issue 24). */
@RestController
@RequestMapping("/api/complaints")
@Validated
@Tag(name = "complaints", description = "投诉处理 · Complaints: a promise, an escalation ladder, closed when the customer "
    + "agrees")
class ComplaintController {

  /** The shop's system and after-sales staff open complaints and report what the customer says. */
  private static final String OPENERS = "hasAnyAuthority('GROUP_integrators', 'GROUP_after-sales')";
  private static final String READERS = "hasAnyAuthority('GROUP_integrators', 'GROUP_after-sales', "
      + "'GROUP_supervisors', 'GROUP_auditors')";

  private final Complaints complaints;
  private final ComplaintReport report;
  private final com.peakcare.identity.StaffDirectory staff;

  ComplaintController(Complaints complaints, ComplaintReport report, com.peakcare.identity.StaffDirectory staff) {
    this.complaints = complaints;
    this.report = report;
    this.staff = staff;
  }

  @GetMapping("/report")
  @PreAuthorize("hasAnyAuthority('GROUP_supervisors', 'GROUP_auditors')")
  @Operation(operationId = "getComplaintReport", summary = "Supervisors' view of complaints: by category and "
      + "severity, first-answer and resolution hours (p50, p90, each with n) against the targets, promises kept, "
      + "escalations per level of the ladder, re-open rate")
  @ApiResponse(responseCode = "200", description = "The report")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor or an auditor")
  ComplaintReport.Report report(org.springframework.security.core.Authentication authentication) {
    com.peakcare.pages.Viewer viewer = com.peakcare.pages.Viewer.of(authentication);
    if (!viewer.in(com.peakcare.identity.Groups.AUDITORS)
        && !staff.isSupervisorOf(viewer.userId(), com.peakcare.identity.StaffDirectory.AFTER_SALES)) {
      throw com.peakcare.web.ApiException.forbidden("投诉看板只给售后主管和审计 · The complaint report is for after-sales "
          + "supervisors and auditors");
    }
    return report.report();
  }

  @PostMapping
  @PreAuthorize(OPENERS)
  @Operation(operationId = "openComplaint", summary = "Opens a complaint on a registered order (integrators, "
      + "after-sales); an identical retry answers 200 with the same complaint, other content under the number 409",
      description = "The customer at once gets a notice naming the agent and the concrete times of a first answer and "
          + "of a resolution, from the shop's table by severity and member tier (processes/complaint-targets.dmn). "
          + "The order must be registered (PUT /api/orders/{orderNo}); linked return cases must be the order's.")
  @ApiResponse(responseCode = "201", description = "The complaint, opened", headers = @Header(name = "Location",
      description = "`/api/complaints/{complaintNo}`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "The same request again: the complaint it opened before")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field (an order that is "
      + "not registered, a return case of another order, an agent who is not after-sales, an unknown field)")
  @ApiResponse(responseCode = "409", description = "The complaint number is taken by other content or another account")
  ResponseEntity<ComplaintView> open(@Valid @RequestBody ComplaintRequest request, Authentication auth) {
    Complaints.Opened opened = complaints.open(request, auth.getName());
    return opened.created()
        ? ResponseEntity.created(URI.create("/api/complaints/" + request.complaintNo())).body(opened.view())
        : ResponseEntity.ok(opened.view());
  }

  @GetMapping("/{complaintNo}")
  @PreAuthorize(READERS)
  @Operation(operationId = "getComplaint", summary = "Status, handler and level, the promise (kept or missed), the "
      + "clock, the resolution, open tasks, the timeline (each step of the ladder: from, to, why, when) and the notices")
  @ApiResponse(responseCode = "200", description = "The complaint")
  @ApiResponse(responseCode = "404", description = "No such complaint, or (for an integrator) one another account "
      + "opened")
  ComplaintView get(@PathVariable String complaintNo, Authentication auth) {
    requireReadable(complaintNo, auth);
    return complaints.view(complaintNo);
  }

  @Schema(name = "CustomerWords")
  @RefuseUnknownFields
  record CustomerWords(@NotBlank @Size(max = 2000) String text) {}

  @PostMapping("/{complaintNo}/customer-answer")
  @PreAuthorize(OPENERS)
  @Operation(operationId = "recordComplaintCustomerAnswer", summary = "The customer answered what PeakCare asked "
      + "(a photo, a confirmation): the clock runs again with the time that was left")
  @ApiResponse(responseCode = "200", description = "The complaint")
  @ApiResponse(responseCode = "404", description = "No such complaint, or (for an integrator) one another account "
      + "opened")
  @ApiResponse(responseCode = "409", description = "The complaint is not waiting for the customer")
  ComplaintView customerAnswer(@PathVariable String complaintNo, @Valid @RequestBody CustomerWords words,
      Authentication auth) {
    requireReadable(complaintNo, auth);
    return complaints.customerAnswered(complaintNo, words.text(), auth.getName());
  }

  @PostMapping("/{complaintNo}/customer-confirmation")
  @PreAuthorize(OPENERS)
  @Operation(operationId = "recordComplaintConfirmation", summary = "The customer agrees with the resolution (their "
      + "reply, recorded): the complaint closes")
  @ApiResponse(responseCode = "200", description = "The complaint")
  @ApiResponse(responseCode = "404", description = "No such complaint, or (for an integrator) one another account "
      + "opened")
  @ApiResponse(responseCode = "409", description = "The complaint has no resolution waiting for the customer")
  ComplaintView confirmation(@PathVariable String complaintNo, @Valid @RequestBody CustomerWords words,
      Authentication auth) {
    requireReadable(complaintNo, auth);
    return complaints.customerConfirmed(complaintNo, words.text(), auth.getName());
  }

  @PostMapping("/{complaintNo}/customer-return")
  @PreAuthorize(OPENERS)
  @Operation(operationId = "reopenComplaint", summary = "The customer came back after the close: the complaint "
      + "re-opens (the second time, one level up the ladder at once)")
  @ApiResponse(responseCode = "200", description = "The complaint")
  @ApiResponse(responseCode = "404", description = "No such complaint, or (for an integrator) one another account "
      + "opened")
  @ApiResponse(responseCode = "409", description = "The complaint is not closed")
  ComplaintView customerReturn(@PathVariable String complaintNo, @Valid @RequestBody CustomerWords words,
      Authentication auth) {
    requireReadable(complaintNo, auth);
    return complaints.customerCameBack(complaintNo, words.text(), auth.getName());
  }

  /** Staff see every complaint; an integrator only those it opened, and of any other it learns nothing. */
  private void requireReadable(String complaintNo, Authentication auth) {
    if (isIntegratorOnly(auth)
        && !complaints.find(complaintNo).map(c -> c.openedBy().equals(auth.getName())).orElse(false)) {
      throw ApiException.notFound("complaint " + complaintNo);
    }
  }

  static boolean isIntegratorOnly(Authentication auth) {
    Set<String> groups = auth.getAuthorities().stream().map(a -> a.getAuthority()).collect(Collectors.toSet());
    return groups.contains(Groups.authority(Groups.INTEGRATORS)) && Stream.of(Groups.AFTER_SALES, Groups.SUPERVISORS,
        Groups.AUDITORS).noneMatch(g -> groups.contains(Groups.authority(g)));
  }
}
