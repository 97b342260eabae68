package com.peakcare.dashboard;

import com.peakcare.pages.PageFile;
import com.peakcare.pages.Pages;
import com.peakcare.pages.Viewer;
import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The big-sale dashboard's figures over REST (issue 25): the same JSON the page in Cockpit reads, through {@link Pages}
 * and the same checks (supervisors and auditors; then the tile's department, {@link DashboardAccess}). Read-only.
 */
@RestController
@RequestMapping("/api/dashboard")
@Tag(name = "dashboard", description = "The big-sale dashboard (大促看板): returns, money, promises, notices and "
    + "campaigns at a glance, in the shop's time zone (after-sales supervisors, ops supervisors, auditors)")
class DashboardController {

  private static final String SALE_FROM = "The sale's first day (2026-11-11) or local time (2026-11-11T20:00) in the "
      + "shop's time zone; today when absent";
  private static final String SALE_TO = "The sale's last day (included) or local end time in the shop's time zone; "
      + "the end of saleFrom's day when absent";

  private final Pages pages;

  DashboardController(Pages pages) {
    this.pages = pages;
  }

  @GetMapping("/tiles")
  @Operation(operationId = "getDashboardTiles", summary = "The tiles the caller may see, the shop's time zone and "
      + "the refresh period (supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The caller's tiles")
  @ApiResponse(responseCode = "403", description = "Not a supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  DashboardPages.Tiles tiles(Authentication auth) {
    return (DashboardPages.Tiles) pages.read("dashboard/tiles", Viewer.of(auth), Map.of());
  }

  @GetMapping("/returns")
  @Operation(operationId = "getDashboardReturns", summary = "Returns now: open cases by status, type and agent, "
      + "reviews and inspections past their SLA, cases opened per hour over the sale with the policy's decision "
      + "(after-sales supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The tile's figures")
  @ApiResponse(responseCode = "400", description = "A bad saleFrom or saleTo",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  ReturnsTile.ReturnsView returns(@Parameter(description = SALE_FROM) @RequestParam(required = false) String saleFrom,
      @Parameter(description = SALE_TO) @RequestParam(required = false) String saleTo, Authentication auth) {
    return (ReturnsTile.ReturnsView) read(Tile.RETURNS, saleFrom, saleTo, auth);
  }

  @GetMapping("/money")
  @Operation(operationId = "getDashboardMoney", summary = "Money: refunds paid today and during the sale, waiting for "
      + "a second approval, refused by an order's ceiling, destination changes, refunds in REFUNDING with incidents, "
      + "the refund rate of the sale's orders (after-sales supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The tile's figures")
  @ApiResponse(responseCode = "400", description = "A bad saleFrom or saleTo",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  MoneyTile.MoneyView money(@Parameter(description = SALE_FROM) @RequestParam(required = false) String saleFrom,
      @Parameter(description = SALE_TO) @RequestParam(required = false) String saleTo, Authentication auth) {
    return (MoneyTile.MoneyView) read(Tile.MONEY, saleFrom, saleTo, auth);
  }

  @GetMapping("/promises")
  @Operation(operationId = "getDashboardPromises", summary = "Promises kept: refund-care promises due today, kept, "
      + "late and apologised for, and the on-time share per day (after-sales supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The tile's figures")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  PromisesTile.PromisesView promises(Authentication auth) {
    return (PromisesTile.PromisesView) read(Tile.PROMISES, null, null, auth);
  }

  @GetMapping("/notices")
  @Operation(operationId = "getDashboardNotices", summary = "Customers told: notices of the last hour per type and "
      + "channel, the outbox's backlog and its oldest waiting delivery, broadcasts running (after-sales supervisors, "
      + "auditors)")
  @ApiResponse(responseCode = "200", description = "The tile's figures")
  @ApiResponse(responseCode = "403", description = "Not an after-sales supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  NoticesTile.NoticesView notices(Authentication auth) {
    return (NoticesTile.NoticesView) read(Tile.NOTICES, null, null, auth);
  }

  @GetMapping("/campaigns")
  @Operation(operationId = "getDashboardCampaigns", summary = "Campaigns: by stage, each with its go-live, overdue "
      + "checks, briefing readiness and the errors customers reported after launch with their fines (ops "
      + "supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The tile's figures")
  @ApiResponse(responseCode = "403", description = "Not an ops supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  CampaignsTile.CampaignsView campaigns(Authentication auth) {
    return (CampaignsTile.CampaignsView) read(Tile.CAMPAIGNS, null, null, auth);
  }

  @GetMapping(path = "/{tile}.csv", produces = "text/csv")
  @Operation(operationId = "getDashboardTileCsv", summary = "A tile's figures as CSV for a spreadsheet (UTF-8 with a "
      + "byte-order mark): returns, money, promises, notices or campaigns, for whom the tile is")
  @ApiResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = "text/csv",
      schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "A bad saleFrom or saleTo",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Not a reader of this tile",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such tile",
      content = @Content(mediaType = "application/problem+json"))
  ResponseEntity<byte[]> csv(
      @Parameter(description = "returns, money, promises, notices or campaigns") @PathVariable String tile,
      @Parameter(description = SALE_FROM) @RequestParam(required = false) String saleFrom,
      @Parameter(description = SALE_TO) @RequestParam(required = false) String saleTo, Authentication auth) {
    Tile t = Tile.of(tile).orElseThrow(() -> ApiException.notFound("dashboard tile " + tile));
    PageFile file = (PageFile) pages.read("dashboard/" + t.path() + ".csv", Viewer.of(auth),
        query(saleFrom, saleTo));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
        .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"").body(file.content());
  }

  private Object read(Tile tile, String saleFrom, String saleTo, Authentication auth) {
    return pages.read("dashboard/" + tile.path(), Viewer.of(auth), query(saleFrom, saleTo));
  }

  private static Map<String, String> query(String saleFrom, String saleTo) {
    Map<String, String> query = new HashMap<>();
    if (saleFrom != null) {
      query.put(ShopTime.SALE_FROM, saleFrom);
    }
    if (saleTo != null) {
      query.put(ShopTime.SALE_TO, saleTo);
    }
    return query;
  }
}
