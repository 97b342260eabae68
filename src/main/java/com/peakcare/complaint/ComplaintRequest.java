package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Category;
import com.peakcare.complaint.ComplaintProcess.Channel;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.web.RefuseUnknownFields;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the shop's system (or an agent, through Tasklist's start form) sends to open a complaint: the registered order,
 * how the customer complained, what about, how serious, their demand in their own words and the return cases it is
 * about. The customer and their tier come from the order.
 *
 * @param agent the after-sales agent who handles it (optional: an agent opening it handles it; otherwise the least
 *     loaded agent)
 */
@Schema(name = "ComplaintRequest")
@RefuseUnknownFields
public record ComplaintRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only")
        String complaintNo,
    @NotBlank @Size(max = 64) String orderNo,
    @NotNull Channel channel,
    @NotNull Category category,
    @NotNull Severity severity,
    @NotBlank @Size(max = 2000) String demand,
    @Size(max = 10) List<@NotBlank @Size(max = 64) String> linkedReturns,
    @Size(max = 64) String agent) {

  public ComplaintRequest {
    linkedReturns = linkedReturns == null ? List.of() : List.copyOf(linkedReturns);
  }
}
