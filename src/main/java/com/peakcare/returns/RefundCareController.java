package com.peakcare.returns;

import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether a return's refund promise was kept (refund care is returns'; the path and operation are unchanged). */
@RestController
@RequestMapping("/api")
@Tag(name = "notices", description = "Customer notices and refund promises")
class RefundCareController {

  private final RefundCare refundCare;

  RefundCareController(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  // integrators read their own cases' refund promise in GET /api/returns/{returnNo}
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
