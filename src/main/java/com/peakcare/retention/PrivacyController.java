package com.peakcare.retention;

import com.peakcare.web.RefuseUnknownFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 个人信息权利 (issue 27): an after-sales supervisor exports what PeakCare holds about a customer, or asks for its
 * erasure, which another after-sales supervisor approves. The person is named in the request body (buyer id or phone),
 * never in a URL that an access log keeps.
 */
@RestController
@RequestMapping("/api/privacy")
@Validated
@Tag(name = "privacy", description = "个人信息 · A customer's rights: a copy of their data, and its erasure")
class PrivacyController {

  /** After-sales staff reach the service, which lets after-sales supervisors act and puts every refusal on the trail. */
  private static final String STAFF = "hasAnyAuthority('GROUP_after-sales', 'GROUP_supervisors')";

  private final PersonRights rights;

  PrivacyController(PersonRights rights) {
    this.rights = rights;
  }

  @Schema(name = "PrivacySubject", description = "The customer: a buyer id or a phone number, one of the two")
  @RefuseUnknownFields
  record Subject(@Size(max = 64) String buyerId, @Size(max = 32) String phone) {}

  @Schema(name = "ErasureRequest")
  @RefuseUnknownFields
  record ErasureRequest(@Size(max = 64) String buyerId, @Size(max = 32) String phone,
      @Size(max = 500) String reason) {}

  @Schema(name = "ErasureDecision")
  @RefuseUnknownFields
  record Decision(@Size(max = 500) String note) {}

  @PostMapping("/exports")
  @PreAuthorize(STAFF)
  @Operation(operationId = "exportPersonalData", summary = "Everything PeakCare holds about a customer, as a JSON file "
      + "(after-sales supervisors; on the trail)",
      description = "Orders with their lines, return cases with their timeline, notices with their text and delivery, "
          + "reviews. The customer is found by buyer id, or by the phone on their orders.")
  @ApiResponse(responseCode = "200", description = "The file (Content-Disposition: attachment)")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the field (neither or both of "
      + "buyerId and phone, a phone that is not one)")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  ResponseEntity<Map<String, Object>> export(@Valid @RequestBody Subject subject, Authentication auth) {
    Map<String, Object> file = rights.export(subject.buyerId(), subject.phone(), auth.getName());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentDisposition(ContentDisposition.attachment()
        .filename("personal-data-" + file.get("subject") + ".json").build());
    return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(file);
  }

  @PostMapping("/erasures")
  @PreAuthorize(STAFF)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(operationId = "requestErasure", summary = "Asks for a customer's erasure (after-sales supervisors): "
      + "pending until another after-sales supervisor approves it")
  @ApiResponse(responseCode = "201", description = "The request, PENDING")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the field (buyerId or phone, "
      + "reason)")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  @ApiResponse(responseCode = "404", description = "PeakCare holds nothing about this customer")
  PersonRights.Erasure request(@Valid @RequestBody ErasureRequest request, Authentication auth) {
    return rights.requestErasure(request.buyerId(), request.phone(), request.reason(), auth.getName());
  }

  @GetMapping("/erasures/{id}")
  @PreAuthorize(STAFF)
  @Operation(operationId = "getErasure", summary = "An erasure request and, once carried out, what it changed")
  @ApiResponse(responseCode = "200", description = "The request")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  @ApiResponse(responseCode = "404", description = "No such request")
  PersonRights.Erasure get(@PathVariable @Size(max = 36) String id, Authentication auth) {
    return rights.erasure(id, auth.getName());
  }

  @PostMapping("/erasures/{id}/approval")
  @PreAuthorize(STAFF)
  @Operation(operationId = "approveErasure", summary = "Approves an erasure and carries it out (another after-sales "
      + "supervisor than the one who asked)",
      description = "Texts, contact and reviews are removed; where a money record stays (the order, the case) the "
          + "buyer becomes the request's pseudonym. Refunds, reservations and sign-offs are not touched.")
  @ApiResponse(responseCode = "200", description = "Carried out: `erased` counts the records changed per kind")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor, or the one who asked")
  @ApiResponse(responseCode = "404", description = "No such request")
  @ApiResponse(responseCode = "409", description = "Decided already, or a case still in flight needs the contact")
  PersonRights.Erasure approve(@PathVariable @Size(max = 36) String id, Authentication auth) {
    return rights.approveErasure(id, auth.getName());
  }

  @PostMapping("/erasures/{id}/rejection")
  @PreAuthorize(STAFF)
  @Operation(operationId = "rejectErasure", summary = "Refuses an erasure request: nothing is erased")
  @ApiResponse(responseCode = "200", description = "REJECTED")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the field")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  @ApiResponse(responseCode = "404", description = "No such request")
  @ApiResponse(responseCode = "409", description = "Decided already")
  PersonRights.Erasure reject(@PathVariable @Size(max = 36) String id, @Valid @RequestBody Decision decision,
      Authentication auth) {
    return rights.rejectErasure(id, auth.getName(), decision.note());
  }

  @GetMapping("/trail")
  @PreAuthorize(STAFF)
  @Operation(operationId = "getPrivacyTrail", summary = "Every export, erasure request, approval, rejection and "
      + "refusal, newest first (after-sales supervisors)")
  @ApiResponse(responseCode = "200", description = "The trail")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names the field")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor")
  List<Map<String, Object>> trail(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
      Authentication auth) {
    return rights.trail(limit, auth.getName());
  }
}
