package com.peakcare.returns;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 物流异常通知: one call tells every customer hit by a courier's backlog, once. */
@RestController
@Tag(name = "notices", description = "Customer notices")
class LogisticsDelayController {

  private final ReturnCases cases;

  LogisticsDelayController(ReturnCases cases) {
    this.cases = cases;
  }

  record Delay(
      @NotBlank @Size(max = 32) String courier,
      @NotEmpty @Size(max = 34) List<@NotBlank @Size(max = 32) String> provinces,
      @NotNull @Min(1) @Max(60) Integer expectedDelayDays,
      @NotBlank @Size(max = 200) String reason) {}

  @PostMapping("/api/notices/logistics-delay")
  @PreAuthorize("hasAnyAuthority('GROUP_after-sales', 'GROUP_supervisors', 'GROUP_integrators')")
  @Operation(summary = "Sends LOGISTICS_DELAY to every open case travelling with this courier to these provinces")
  ReturnCases.Broadcast delay(@Valid @RequestBody Delay delay) {
    return cases.logisticsDelay(delay.courier(), delay.provinces(), delay.expectedDelayDays(), delay.reason());
  }
}
