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
  /** Integrators and after-sales staff (issue 20: leads of other departments open and drive no case). */
  private static final String OPENERS = "hasAnyAuthority('GROUP_integrators', 'GROUP_after-sales')";

  private final ReturnCases cases;
  private final RefundChanges changes;
  private final FourEyes fourEyes;

  ReturnController(ReturnCases cases, RefundChanges changes, FourEyes fourEyes) {
    this.cases = cases;
    this.changes = changes;
    this.fourEyes = fourEyes;
  }

  @PostMapping
  @PreAuthorize(OPENERS)
  @Operation(operationId = "openReturnCase", summary = "Opens a case on a registered order (integrators, after-sales); "
      + "an identical retry answers 200 with the same case, a conflicting one 409",
      description = "The case names a registered order (PUT /api/orders/{orderNo} first) and the lines it returns; the "
          + "customer, the member tier, the prices and the refund's destination come from the order. The order's "
          + "refund ceiling decides whether the lines' units and the money are still there: a refusal is a 409 naming "
          + "the field (`lines[0].quantity`, `amount`). A case staff opened is always reviewed by a colleague; nobody "
          + "works on a case they opened. The shop's return number is the case's key. Sending the same request again "
          + "(after a timeout, say) opens nothing and answers 200 with the case; other content under the same number "
          + "is a 409. The answer shows the case after the return policy decided: status, outcome, assignee, open "
          + "tasks.")
  @ApiResponse(responseCode = "201", description = "The case, opened", headers = @Header(name = "Location",
      description = "`/api/returns/{returnNo}`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "The same request again: the case it opened before")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. an order that "
      + "is not registered, a SKU the order does not have, more units than were bought, a price difference above the "
      + "lines' price, an assignee who is not an eligible after-sales agent, a field the request does not have "
      + "(customer, items, memberTier: they come from the order)")
  @ApiResponse(responseCode = "409", description = "A case with this return number exists with other content; the "
      + "order was never paid; or its refund ceiling refuses the claim (`errors` names `lines[i].quantity` or "
      + "`amount`)")
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
      + "waybill number (integrators, after-sales)")
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
      + "(after-sales supervisors), never to the person who opened it")
  @ApiResponse(responseCode = "200", description = "The case")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. an assignee "
      + "who is not an eligible after-sales agent (one answer whether the user does not exist, is no agent or opened "
      + "the case)")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  @ApiResponse(responseCode = "404", description = "No such case")
  @ApiResponse(responseCode = "409", description = "The case is closed, rejected or cancelled")
  ReturnCaseView reassign(@PathVariable String returnNo, @Valid @RequestBody Reassignment body, Principal principal) {
    requireAfterSalesSupervisor(principal);
    return cases.reassign(returnNo, body.assignee(), principal.getName());
  }

  private void requireAfterSalesSupervisor(Principal principal) {
    if (!fourEyes.isAfterSalesSupervisor(principal.getName())) {
      throw ApiException.forbidden("售后的单由售后主管改派和改退款 · After-sales supervisors re-assign cases and change "
          + "refunds");
    }
  }

  /**
   * A request to change the refund.
   *
   * @param refundTo ORIGINAL_PAYMENT, ALIPAY:&lt;mobile number or e-mail&gt; or BANK:&lt;card number (16-19 digits,
   *     Luhn) or IBAN&gt;
   */
  @Schema(name = "RefundChangeRequest")
  @com.peakcare.web.RefuseUnknownFields
  record RefundChangeRequest(
      @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) java.math.BigDecimal amount,
      @Size(min = 1, max = 96) String refundTo,
      @NotBlank @Size(max = 500) String reason) {}

  @PutMapping("/{returnNo}/refund")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(operationId = "changeRefund", summary = "Asks to change what the refund pays (at most the items' price) "
      + "or where it goes, before it is paid (after-sales supervisors): another after-sales supervisor decides",
      description = "A request, not the change: the refund waits until a different after-sales supervisor (not the one "
          + "asking, not the case's opener) approves or refuses it (POST .../refund/decision). A new destination is "
          + "ORIGINAL_PAYMENT, ALIPAY:<mobile number or e-mail> or BANK:<card number of 16-19 digits with its Luhn "
          + "check digit, or an IBAN>; the customer is told on the order's contact before the money moves. Both names "
          + "go on the timeline.")
  @ApiResponse(responseCode = "202", description = "The case, with the request pending (`refundChange`)")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. neither an "
      + "amount nor a refundTo, an amount above the items' price, a destination that is not one of the three forms or "
      + "whose check digit is wrong")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  @ApiResponse(responseCode = "404", description = "No such case")
  @ApiResponse(responseCode = "409", description = "The case refunds no money (exchange, repair), is refunded "
      + "already, has ended, or has a change waiting for a decision already")
  ResponseEntity<ReturnCaseView> changeRefund(@PathVariable String returnNo,
      @Valid @RequestBody RefundChangeRequest body, Principal principal) {
    requireAfterSalesSupervisor(principal);
    if (body.amount() == null && body.refundTo() == null) {
      throw ApiException.invalid("amount", "请给出新的金额或退款去向 · give the new amount, the new refundTo, or both");
    }
    changes.request(returnNo, body.amount(), body.refundTo(), body.reason(), principal.getName());
    return ResponseEntity.accepted().body(cases.view(returnNo));
  }

  /** Another after-sales supervisor's decision on a pending refund change. */
  @Schema(name = "RefundChangeDecision")
  @com.peakcare.web.RefuseUnknownFields
  record RefundChangeDecision(@NotNull Boolean approve, @Size(max = 500) String note) {}

  @PostMapping("/{returnNo}/refund/decision")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(operationId = "decideRefundChange", summary = "Approves or refuses the pending refund change (an "
      + "after-sales supervisor other than the one who asked and the case's opener)")
  @ApiResponse(responseCode = "200", description = "The case, with the change decided")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor, or the one who asked for the change "
      + "or opened the case")
  @ApiResponse(responseCode = "404", description = "No such case")
  @ApiResponse(responseCode = "409", description = "No change is waiting for a decision, the case has ended or been "
      + "refunded, or the order's refund ceiling refuses the new amount")
  ReturnCaseView decideRefundChange(@PathVariable String returnNo, @Valid @RequestBody RefundChangeDecision body,
      Principal principal) {
    requireAfterSalesSupervisor(principal);
    changes.decide(returnNo, body.approve(), body.note() == null || body.note().isBlank() ? null : body.note().trim(),
        principal.getName());
    return cases.view(returnNo);
  }
}
