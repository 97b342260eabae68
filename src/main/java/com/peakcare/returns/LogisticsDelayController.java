package com.peakcare.returns;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 物流异常通知: a broadcast to every customer hit by a courier's backlog, once. The POST answers 202 at once; the
 * notices are recorded in batches in the background (see {@link LogisticsDelayBroadcasts}); the GET shows progress.
 */
@RestController
@Tag(name = "notices", description = "Customer notices and refund promises")
class LogisticsDelayController {

  static final String PATH = "/api/notices/logistics-delay";
  private static final String SENDERS =
      "hasAnyAuthority('GROUP_after-sales', 'GROUP_supervisors', 'GROUP_integrators')";

  private final LogisticsDelayBroadcasts broadcasts;

  LogisticsDelayController(LogisticsDelayBroadcasts broadcasts) {
    this.broadcasts = broadcasts;
  }

  @Schema(name = "LogisticsDelay")
  record Delay(
      @NotBlank @Size(max = 32) String courier,
      @NotEmpty @Size(max = 34)
      List<@NotBlank @Size(max = 32) @Pattern(regexp = "[^,]*", message = "must not contain a comma") String> provinces,
      @NotNull @Min(1) @Max(60) Integer expectedDelayDays,
      @NotBlank @Size(max = 200) String reason) {}

  @PostMapping(PATH)
  @PreAuthorize(SENDERS)
  @Operation(operationId = "startLogisticsDelayBroadcast", summary = "Starts a LOGISTICS_DELAY broadcast to every "
      + "open case travelling with this courier to these provinces: 202 with its id; a repeat of an earlier broadcast "
      + "tells nobody twice (repeatOf, alreadyNotified)")
  @ApiResponse(responseCode = "202", description = "Started: the cases it reaches are fixed, the notices go out in "
      + "the background", headers = @Header(name = "Location", description = "`/api/notices/logistics-delay/{id}`",
          schema = @Schema(type = "string")))
  ResponseEntity<LogisticsDelayBroadcast> delay(@Valid @RequestBody Delay delay, Principal principal) {
    LogisticsDelayBroadcast started = broadcasts.start(delay.courier(), delay.provinces(), delay.expectedDelayDays(),
        delay.reason(), principal.getName());
    return ResponseEntity.accepted().location(URI.create(PATH + "/" + started.id())).body(started);
  }

  @GetMapping(PATH + "/{id}")
  @PreAuthorize(SENDERS)
  @Operation(operationId = "getLogisticsDelayBroadcast", summary = "A broadcast's progress: matched, queued, already "
      + "notified, remaining, sent, failed, status")
  @ApiResponse(responseCode = "200", description = "The broadcast and how far it got")
  @ApiResponse(responseCode = "404", description = "No broadcast with this id")
  LogisticsDelayBroadcast progress(@PathVariable String id) {
    return broadcasts.view(id);
  }
}
