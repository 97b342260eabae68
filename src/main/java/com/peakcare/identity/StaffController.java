package com.peakcare.identity;

import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff profiles: who I am, and each member's department and superior (needed for penalties). */
@RestController
@RequestMapping("/api")
@Tag(name = "staff", description = "Users, their groups, department and superior")
class StaffController {

  private final StaffDirectory directory;

  StaffController(StaffDirectory directory) {
    this.directory = directory;
  }

  @GetMapping("/me")
  @Operation(operationId = "getMyProfile", summary = "The caller's own profile: name, groups, department, superior")
  @ApiResponse(responseCode = "200", description = "The profile")
  StaffProfile me(Principal principal) {
    return directory.find(principal.getName()).orElseThrow(() -> ApiException.notFound("user " + principal.getName()));
  }

  @GetMapping("/staff/{userId}")
  @PreAuthorize("hasAnyAuthority('GROUP_camunda-admin', 'GROUP_supervisors', 'GROUP_auditors')")
  @Operation(operationId = "getStaffProfile", summary = "A staff member's profile (supervisors, auditors, "
      + "administrators)")
  @ApiResponse(responseCode = "200", description = "The profile")
  @ApiResponse(responseCode = "404", description = "No such user")
  StaffProfile staff(@PathVariable String userId) {
    return directory.find(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
  }

  @PutMapping("/staff/{userId}")
  @PreAuthorize("hasAuthority('GROUP_camunda-admin')")
  @Operation(operationId = "updateStaffProfile", summary = "Sets a member's department, superior and printed name "
      + "(administrators)")
  @ApiResponse(responseCode = "200", description = "The profile as it is now")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. a superior "
      + "who does not exist or is the member")
  @ApiResponse(responseCode = "404", description = "No such user")
  StaffProfile assign(@PathVariable String userId, @Valid @RequestBody Assignment body) {
    if (!directory.exists(userId)) {
      throw ApiException.notFound("user " + userId);
    }
    if (body.superior() != null) {
      if (body.superior().equals(userId)) {
        throw ApiException.invalid("superior", "a member cannot be their own superior");
      }
      if (!directory.exists(body.superior())) {
        throw ApiException.invalid("superior", "no user " + body.superior());
      }
    }
    directory.assign(userId, body.department(), body.superior());
    if (body.name() != null) {
      directory.name(userId, body.name().isBlank() ? null : body.name().trim());
    }
    return directory.find(userId).orElseThrow();
  }

  /** Department and superior; optionally the name printed on sign-offs (blank: back to the Camunda profile's). */
  @Schema(name = "StaffAssignment")
  record Assignment(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "lower-case letters, digits and '-'")
          String department,
      @Size(max = 64) String superior,
      @Size(max = 128) String name) {}
}
