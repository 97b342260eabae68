package com.peakcare.notice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a case's customer has been told (the refund promise is returns' RefundCareController). */
@RestController
@RequestMapping("/api")
@Tag(name = "notices", description = "Customer notices and refund promises")
class NoticeStatusController {

  private final NoticeService notices;

  NoticeStatusController(NoticeService notices) {
    this.notices = notices;
  }

  // integrators read their own cases' notices and refund promise in GET /api/returns/{returnNo}
  @GetMapping("/notices/{caseRef}")
  @PreAuthorize("hasAnyAuthority('GROUP_after-sales', 'GROUP_supervisors', 'GROUP_auditors')")
  @Operation(operationId = "listCaseNotices", summary = "The case's notices, oldest first: text, channels and their "
      + "delivery status (after-sales, supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The notices; none for a case that has none or does not exist")
  List<Notice> noticesOf(@PathVariable String caseRef) {
    return notices.noticesOf(caseRef);
  }
}
