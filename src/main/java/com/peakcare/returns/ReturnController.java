package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import com.peakcare.web.ListPage;
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
  @Operation(operationId = "openReturnCase", summary = "Opens a case (integrators, after-sales, supervisors); an "
      + "identical retry answers 200 with the same case, a conflicting one 409",
      description = "The shop's return number is the case's key. Sending the same request again (after a timeout, "
          + "say) opens nothing and answers 200 with the case; other content under the same number is a 409. The "
          + "answer shows the case after the return policy decided: status, outcome, assignee, open tasks.")
  @ApiResponse(responseCode = "201", description = "The case, opened", headers = @Header(name = "Location",
      description = "`/api/returns/{returnNo}`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "The same request again: the case it opened before")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. an amount "
      + "above the items' total, an item category that is not one of the shop's, an assignee who is not an "
      + "after-sales agent")
  @ApiResponse(responseCode = "409", description = "A case with this return number exists with other content")
  ResponseEntity<ReturnCaseView> open(@Valid @RequestBody ReturnRequest request, Principal principal) {
    ReturnCases.Opened opened = cases.open(request, principal.getName());
    if (!opened.created()) {
      return ResponseEntity.ok(opened.view());
    }
    return ResponseEntity.created(URI.create("/api/returns/" + request.returnNo())).body(opened.view());
  }

  @GetMapping("/{returnNo}")
  @PreAuthorize(STAFF)
  @Operation(operationId = "getReturnCase", summary = "Status, policy outcome, assignee, open tasks, timeline and "
      + "notices of a case (an integrator: only the cases it opened)")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "404", description = "No such case, or (for an integrator) one another account opened")
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
  @Operation(operationId = "listReturnCases", summary = "Cases by status and assignee, newest first, paged (an "
      + "integrator: only the cases it opened)")
  @ApiResponse(responseCode = "200", description = "One page of cases")
  List<ReturnCaseView.Summary> list(
      @RequestParam(required = false) Status status,
      @RequestParam(required = false) String assignee,
      ListPage page, Authentication auth) {
    return cases.list(status, assignee, isIntegratorOnly(auth) ? auth.getName() : null, page.checked());
  }

  @Schema(name = "ParcelShipment")
  record Parcel(@NotBlank @Size(max = 32) String courier, @NotBlank @Size(max = 64) String waybillNo) {}

  @PostMapping("/{returnNo}/parcel")
  @PreAuthorize(OPENERS)
  @Operation(operationId = "reportParcelShipped", summary = "The customer shipped the parcel back: courier and "
      + "waybill number")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "404", description = "No such case, or (for an integrator) one another account opened")
  @ApiResponse(responseCode = "409", description = "The case is not waiting for a parcel")
  ReturnCaseView parcel(@PathVariable String returnNo, @Valid @RequestBody Parcel parcel, Principal principal,
      Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.parcelShipped(returnNo, parcel.courier(), parcel.waybillNo(), principal.getName());
  }

  @PostMapping("/{returnNo}/delivery")
  @PreAuthorize(OPENERS)
  @Operation(operationId = "reportReplacementDelivered", summary = "The replacement was delivered to the customer")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "404", description = "No such case, or (for an integrator) one another account opened")
  @ApiResponse(responseCode = "409", description = "The case has no replacement on its way")
  ReturnCaseView delivery(@PathVariable String returnNo, Principal principal, Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.replacementDelivered(returnNo, principal.getName());
  }

  @Schema(name = "SurveyAnswer")
  record Survey(@NotNull @Min(1) @Max(5) Integer rating) {}

  @PostMapping("/{returnNo}/survey")
  @PreAuthorize(OPENERS)
  @Operation(operationId = "recordSurveyAnswer", summary = "The customer's satisfaction rating, 1 (bad) to 5 (good)")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "404", description = "No such case, or (for an integrator) one another account opened")
  @ApiResponse(responseCode = "409", description = "The case is not waiting for a survey answer")
  ReturnCaseView survey(@PathVariable String returnNo, @Valid @RequestBody Survey survey, Principal principal,
      Authentication auth) {
    requireReadable(returnNo, auth);
    return cases.surveyAnswered(returnNo, survey.rating(), principal.getName());
  }

  record Reassignment(@NotBlank @Size(max = 64) String assignee) {}

  @PostMapping("/{returnNo}/assignee")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(operationId = "reassignReturnCase", summary = "Gives the case and its open agent tasks to another agent "
      + "(supervisors)")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. an assignee "
      + "who is not an after-sales agent")
  @ApiResponse(responseCode = "404", description = "No such case")
  @ApiResponse(responseCode = "409", description = "The case is closed, rejected or cancelled")
  ReturnCaseView reassign(@PathVariable String returnNo, @Valid @RequestBody Reassignment body, Principal principal) {
    return cases.reassign(returnNo, body.assignee(), principal.getName());
  }

  record RefundChange(
      @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) java.math.BigDecimal amount,
      @Size(min = 1, max = 64) String refundTo,
      @NotBlank @Size(max = 500) String reason) {}

  @PutMapping("/{returnNo}/refund")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(operationId = "changeRefund", summary = "Changes what the refund pays (at most the items' total) or "
      + "where it goes, before it is paid, with a reason on the timeline (supervisors)")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. neither an "
      + "amount nor a refundTo, or an amount above the items' total")
  @ApiResponse(responseCode = "404", description = "No such case")
  @ApiResponse(responseCode = "409", description = "The case refunds no money (exchange, repair), is refunded "
      + "already, or has ended")
  ReturnCaseView changeRefund(@PathVariable String returnNo, @Valid @RequestBody RefundChange body,
      Principal principal) {
    if (body.amount() == null && body.refundTo() == null) {
      throw ApiException.invalid("amount", "give the new amount, the new refundTo, or both");
    }
    return cases.changeRefund(returnNo, body.amount(), body.refundTo(), body.reason(), principal.getName());
  }
}
