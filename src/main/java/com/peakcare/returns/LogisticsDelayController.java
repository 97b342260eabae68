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
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import org.springframework.security.core.Authentication;
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
  /** Integrators (their own cases) and after-sales supervisors (checked by department in {@link #sender}). */
  private static final String SENDERS = "hasAnyAuthority('GROUP_supervisors', 'GROUP_integrators')";

  private final LogisticsDelayBroadcasts broadcasts;
  private final FourEyes fourEyes;

  LogisticsDelayController(LogisticsDelayBroadcasts broadcasts, FourEyes fourEyes) {
    this.broadcasts = broadcasts;
    this.fourEyes = fourEyes;
  }

  /**
   * A broadcast names a courier code, provinces, a number of days and a reason from the shop's list: nothing a person
   * types reaches the customer as text (issue 20).
   *
   * @param reason a code of the shop's list (peakcare.logistics-delay.reasons): COURIER_BACKLOG 快递爆仓, WEATHER 恶劣天气,
   *     ROAD_CLOSURE 道路封闭, HOLIDAY 节假日停运
   */
  @Schema(name = "LogisticsDelay")
  @com.peakcare.web.RefuseUnknownFields
  record Delay(
      @NotBlank @Size(max = 32) @Pattern(regexp = "([A-Z0-9][A-Z0-9-]*)?", message = "快递公司代码：大写字母、数字和 - · a "
          + "courier code: capital letters, digits and '-' (SF, YTO, JD)") String courier,
      @NotEmpty @Size(max = 34)
      List<@NotBlank @Size(max = 32) @Pattern(regexp = "[^,]*", message = "must not contain a comma") String> provinces,
      @NotNull @Min(1) @Max(60) Integer expectedDelayDays,
      @NotBlank @Size(max = 32) String reason) {}

  /** Null for an after-sales supervisor (every case), the account for an integrator (its own cases); else 403. */
  private String sender(Authentication auth) {
    if (fourEyes.isAfterSalesSupervisor(auth.getName())) {
      return null;
    }
    if (auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Groups.authority(Groups.INTEGRATORS)))) {
      return auth.getName();
    }
    throw ApiException.forbidden("物流异常通知由售后主管或店铺系统发出 · Logistics-delay broadcasts are sent by after-sales "
        + "supervisors and the shop's systems");
  }

  @PostMapping(PATH)
  @PreAuthorize(SENDERS)
  @Operation(operationId = "startLogisticsDelayBroadcast", summary = "Starts a LOGISTICS_DELAY broadcast to every "
      + "open case travelling with this courier to these provinces (an integrator: the cases it opened; after-sales "
      + "supervisors: every case): 202 with its id; a repeat of an earlier broadcast tells nobody twice (repeatOf, "
      + "alreadyNotified)")
  @ApiResponse(responseCode = "202", description = "Started: the cases it reaches are fixed, the notices go out in "
      + "the background", headers = @Header(name = "Location", description = "`/api/notices/logistics-delay/{id}`",
          schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. a reason "
      + "that is not one of the shop's codes, a courier that is not a code")
  @ApiResponse(responseCode = "403", description = "Neither an after-sales supervisor nor an integrator")
  ResponseEntity<LogisticsDelayBroadcast> delay(@Valid @RequestBody Delay delay, Authentication auth) {
    String onlyOwn = sender(auth);
    LogisticsDelayBroadcast started = broadcasts.start(delay.courier(), delay.provinces(), delay.expectedDelayDays(),
        delay.reason(), auth.getName(), onlyOwn);
    return ResponseEntity.accepted().location(URI.create(PATH + "/" + started.id())).body(started);
  }

  @GetMapping(PATH + "/{id}")
  @PreAuthorize(SENDERS)
  @Operation(operationId = "getLogisticsDelayBroadcast", summary = "A broadcast's progress: matched, queued, already "
      + "notified, remaining, sent, failed, status; a stopped one says so in a sentence (an integrator: its own "
      + "broadcasts)")
  @ApiResponse(responseCode = "200", description = "The broadcast and how far it got")
  @ApiResponse(responseCode = "404", description = "No broadcast with this id, or (for an integrator) one another "
      + "account started")
  LogisticsDelayBroadcast progress(@PathVariable String id, Authentication auth) {
    return broadcasts.view(id, sender(auth));
  }
}
