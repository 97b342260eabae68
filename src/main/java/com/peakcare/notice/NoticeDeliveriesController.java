package com.peakcare.notice;

import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators of notice delivery (supervisors): the failed deliveries and their retry. */
@RestController
@RequestMapping("/api/notice-deliveries")
@Tag(name = "notices", description = "Customer notices and refund promises")
class NoticeDeliveriesController {

  private final NoticeDeliveries deliveries;

  NoticeDeliveriesController(NoticeDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @GetMapping("/failed")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(operationId = "listFailedNoticeDeliveries", summary = "Notice channels whose retries ran out, oldest "
      + "first, at most 500 (supervisors, the operators of notice delivery)")
  @ApiResponse(responseCode = "200", description = "The failed deliveries; none when every notice went out")
  List<NoticeDeliveries.FailedDelivery> failed() {
    return deliveries.failed();
  }

  @PostMapping("/{noticeKey}/retry")
  @PreAuthorize("hasAuthority('GROUP_supervisors')")
  @Operation(operationId = "retryNoticeDelivery", summary = "One more attempt for the notice's failed channels, "
      + "made at once; a channel that went out is never sent again (supervisors)")
  @ApiResponse(responseCode = "200", description = "The notice with its channels' status: the failed ones pending")
  @ApiResponse(responseCode = "404", description = "No such notice")
  @ApiResponse(responseCode = "409", description = "None of the notice's channels failed")
  Notice retry(@PathVariable String noticeKey, Authentication auth) {
    try {
      return deliveries.retry(noticeKey, auth.getName())
          .orElseThrow(() -> ApiException.notFound("notice " + noticeKey));
    } catch (NoticeDeliveries.NothingFailed e) {
      throw ApiException.conflict(e.getMessage());
    }
  }
}
