package com.peakcare.notice;

import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a case's customer has been told, and whether the refund promise was kept. */
@RestController
@RequestMapping("/api")
@Tag(name = "notices", description = "Customer notices and refund promises")
class NoticeStatusController {

  private final NoticeService notices;
  private final RefundCare refundCare;

  NoticeStatusController(NoticeService notices, RefundCare refundCare) {
    this.notices = notices;
    this.refundCare = refundCare;
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

  @GetMapping("/refund-care/{returnNo}")
  @PreAuthorize("hasAnyAuthority('GROUP_after-sales', 'GROUP_supervisors', 'GROUP_auditors')")
  @Operation(operationId = "getRefundPromise", summary = "The refund promise of a return: promised and actual "
      + "times, kept or not (after-sales, supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The promise")
  @ApiResponse(responseCode = "404", description = "No refund was promised for this return")
  RefundCare.RefundPromise promiseOf(@PathVariable String returnNo) {
    return refundCare.promiseOf(returnNo).orElseThrow(() -> ApiException.notFound("refund promise of " + returnNo));
  }
}
