package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Return, exchange and refund cases for integrators and staff. */
@RestController
@RequestMapping("/api/returns")
@Validated
@Tag(name = "returns", description = "退换货 · Return, exchange and refund cases")
class ReturnController {

  private static final String STAFF = "hasAnyAuthority('GROUP_integrators', 'GROUP_after-sales', 'GROUP_supervisors',"
      + " 'GROUP_warehouse', 'GROUP_auditors')";
  private static final String OPENERS = "hasAnyAuthority('GROUP_integrators', 'GROUP_after-sales', 'GROUP_supervisors')";

  private final ReturnCases cases;

  ReturnController(ReturnCases cases) {
    this.cases = cases;
  }

  @PostMapping
  @PreAuthorize(OPENERS)
  @Operation(summary = "Opens a case; an identical retry answers 200 with the same case, a conflicting one 409")
  ResponseEntity<ReturnCaseView> open(@Valid @RequestBody ReturnRequest request, Principal principal) {
    ReturnCases.Opened opened = cases.open(request, principal.getName());
    if (!opened.created()) {
      return ResponseEntity.ok(opened.view());
    }
    return ResponseEntity.created(URI.create("/api/returns/" + request.returnNo())).body(opened.view());
  }

  @GetMapping("/{returnNo}")
  @PreAuthorize(STAFF)
  @Operation(summary = "Status, policy outcome, assignee, open tasks, timeline and notices of a case")
  ReturnCaseView get(@PathVariable String returnNo, Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.view(returnNo);
  }

  /**
   * Staff of the groups above see every case; an integrator (a shop's system account) only the cases it opened, and
   * of any other it learns nothing, not even that it exists.
   */
  private void requireReadable(String returnNo, Authentication auth) {
    if (isIntegratorOnly(auth) && !cases.find(returnNo).map(c -> c.openedBy().equals(auth.getName())).orElse(false)) {
      throw ApiException.notFound("return " + returnNo);
    }
  }

  private static boolean isIntegratorOnly(Authentication auth) {
    java.util.Set<String> groups = auth.getAuthorities().stream().map(a -> a.getAuthority())
        .collect(java.util.stream.Collectors.toSet());
    return groups.contains(Groups.authority(Groups.INTEGRATORS)) && java.util.stream.Stream.of(Groups.AFTER_SALES,
        Groups.SUPERVISORS, Groups.WAREHOUSE, Groups.AUDITORS).noneMatch(g -> groups.contains(Groups.authority(g)));
  }

  @GetMapping
  @PreAuthorize(STAFF)
  @Operation(summary = "Cases by status and assignee, newest first, paged")
  List<ReturnCaseView.Summary> list(
      @RequestParam(required = false) Status status,
      @RequestParam(required = false) String assignee,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Authentication auth) {
    return cases.list(status, assignee, isIntegratorOnly(auth) ? auth.getName() : null, page, size);
  }

  record Parcel(@NotBlank @Size(max = 32) String courier, @NotBlank @Size(max = 64) String waybillNo) {}

  @PostMapping("/{returnNo}/parcel")
  @PreAuthorize(OPENERS)
  @Operation(summary = "The customer shipped the parcel back")
  ReturnCaseView parcel(@PathVariable String returnNo, @Valid @RequestBody Parcel parcel, Principal principal,
      Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.parcelShipped(returnNo, parcel.courier(), parcel.waybillNo(), principal.getName());
  }

  @PostMapping("/{returnNo}/delivery")
  @PreAuthorize(OPENERS)
  @Operation(summary = "The replacement was delivered to the customer")
  ReturnCaseView delivery(@PathVariable String returnNo, Principal principal, Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.replacementDelivered(returnNo, principal.getName());
  }

  record Survey(@NotNull @Min(1) @Max(5) Integer rating) {}

  @PostMapping("/{returnNo}/survey")
  @PreAuthorize(OPENERS)
  @Operation(summary = "The customer's satisfaction rating, 1 (bad) to 5 (good)")
  ReturnCaseView survey(@PathVariable String returnNo, @Valid @RequestBody Survey survey, Principal principal,
      Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.surveyAnswered(returnNo, survey.rating(), principal.getName());
  }

  record Reassignment(@NotBlank @Size(max = 64) String assignee) {}

  @PostMapping("/{returnNo}/assignee")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(summary = "Gives the case and its open agent tasks to another agent (supervisors)")
  ReturnCaseView reassign(@PathVariable String returnNo, @Valid @RequestBody Reassignment body, Principal principal) {
    return cases.reassign(returnNo, body.assignee(), principal.getName());
  }

  record RefundChange(
      @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) java.math.BigDecimal amount,
      @Size(min = 1, max = 64) String refundTo,
      @NotBlank @Size(max = 500) String reason) {}

  @PutMapping("/{returnNo}/refund")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(summary = "Changes what the refund pays (at most the items' total) or where it goes, before it is paid, "
      + "with a reason on the timeline (supervisors)")
  ReturnCaseView changeRefund(@PathVariable String returnNo, @Valid @RequestBody RefundChange body,
      Principal principal) {
    if (body.amount() == null && body.refundTo() == null) {
      throw ApiException.invalid("amount", "give the new amount, the new refundTo, or both");
    }
    return cases.changeRefund(returnNo, body.amount(), body.refundTo(), body.reason(), principal.getName());
  }
}
