package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: the OpenAPI document lists the answers each operation really gives, no more, no fewer. Every probe below
 * calls an operation the way that provokes one answer; the test fails when a probe gets an answer its operation does
 * not document, and when an operation documents an error that no probe provokes. Only 503 (the database away) is
 * proven elsewhere, by DatabaseOutageTest, which stops a real database.
 */
@PeakCareTest
class DocumentedResponsesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The error codes each operation's probes must provoke when it documents them. */
  private static final Set<String> PROVEN_HERE = Set.of("400", "401", "403", "404", "409", "413", "429");
  /** One more byte than the default limit (peakcare.web.max-body). */
  private static final String TOO_LARGE = "\"" + "x".repeat(1024 * 1024) + "\"";

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired org.camunda.bpm.engine.IdentityService identityService;
  Http http;

  record Operation(String id, String method, String path, Set<String> documented, boolean body) {}

  record Probe(String operationId, String method, String path, String user, String body, int expected) {
    @Override
    public String toString() {
      return operationId + " (" + method + " " + path + " as " + (user == null ? "nobody" : user) + ")";
    }
  }

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void everyOperationDocumentsTheErrorsItGivesAndNoOthers() throws Exception {
    Map<String, Operation> operations = operations(ApiDocsTest.served(http));
    List<Probe> probes = new ArrayList<>();
    for (Operation op : operations.values()) {
      String path = op.path().replaceAll("\\{[^}]+}", "x");
      probes.add(new Probe(op.id(), op.method(), path, null, op.body() ? "{}" : null, 401));
      if (op.body()) {
        // the body is read before anything else is checked: a broken one is a 400, an oversized one a 413
        probes.add(new Probe(op.id(), op.method(), path, "shop1", "{\"broken\": ", 400));
        probes.add(new Probe(op.id(), op.method(), path, "shop1", TOO_LARGE, 413));
      }
    }
    probes.addAll(returnProbes());
    probes.addAll(noticeProbes());
    probes.addAll(orderProbes());
    probes.addAll(campaignProbes());
    probes.addAll(auditAndStaffProbes());
    probes.addAll(reviewProbes());
    probes.addAll(dashboardProbes());
    probes.addAll(complaintProbes());
    probes.addAll(reminderProbes());
    probes.addAll(privacyProbes());
    probes.addAll(noticeDeliveryProbes());

    List<String> failures = new ArrayList<>();
    Map<String, Set<String>> provoked = new TreeMap<>();
    for (Probe probe : probes) {
      Operation op = operations.get(probe.operationId());
      if (op == null) {
        failures.add(probe + ": no such operation in the document");
        continue;
      }
      HttpResponse<String> res = send(probe.method(), probe.path(), probe.user(), probe.body());
      String status = String.valueOf(res.statusCode());
      if (res.statusCode() != probe.expected()) {
        failures.add(probe + " answered " + status + ", expected " + probe.expected() + ": " + abbreviate(res.body()));
        continue;
      }
      if (!op.documented().contains(status)) {
        failures.add(probe + " answered " + status + ", which " + op.id() + " does not document");
      }
      if (res.statusCode() >= 400 && !isProblem(res)) {
        failures.add(probe + " answered " + status + " without a problem: " + abbreviate(res.body()));
      }
      provoked.computeIfAbsent(op.id(), k -> new TreeSet<>()).add(status);
    }

    // issue 26: a changing request from another site's page is refused before any controller (CrossSiteGuard)
    for (Operation op : operations.values()) {
      if (!op.method().equals("GET")) {
        HttpResponse<String> res = http.send(http.request(op.path().replaceAll("\\{[^}]+}", "x"), "shop1")
            .header("Origin", "http://evil.example").header("Content-Type", "application/json")
            .method(op.method(), HttpRequest.BodyPublishers.ofString("{}")).build());
        if (res.statusCode() != 403 || !isProblem(res) || !op.documented().contains("403")) {
          failures.add(op.id() + " from another site answered " + res.statusCode() + " (documents "
              + op.documented() + "): " + abbreviate(res.body()));
        }
        provoked.computeIfAbsent(op.id(), k -> new TreeSet<>()).add("403");
      }
    }

    // the login throttle answers before any operation: proven once, documented everywhere
    HttpResponse<String> throttled = throttledLogin();
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(isProblem(throttled)).isTrue();
    operations.values().forEach(op -> provoked.computeIfAbsent(op.id(), k -> new TreeSet<>()).add("429"));

    for (Operation op : operations.values()) {
      for (String code : op.documented()) {
        if (PROVEN_HERE.contains(code) && !provoked.getOrDefault(op.id(), Set.of()).contains(code)) {
          failures.add(op.id() + " documents " + code + " but no probe provokes it");
        }
      }
      assertThat(op.documented()).as(op.id()).contains("401", "429", "503");
    }
    assertThat(failures).isEmpty();
  }

  // ---- probes that need a case, a campaign or the right user --------------------------------------------------

  private List<Probe> returnProbes() throws Exception {
    String refund = open("REFUND_ONLY", "DAMAGED", "80.00", 2, "APPAREL");
    String exchange = open("EXCHANGE", "WRONG_SIZE", "90.00", 2, "SHOES");
    // out of the 7-day window: the policy rejects it at once, the case has ended
    String rejected = open("RETURN_AND_REFUND", "NO_REASON", "300.00", 10, "APPAREL");
    assertThat(JSON.readTree(http.get("/api/returns/" + rejected, "shop1").body()).path("status").asText())
        .isEqualTo("REJECTED");
    String freshNo = "R-DOC-" + id();
    com.peakcare.support.Shop.registerOrder(http, freshNo, "50.00", "HOME", "REGULAR");
    String fresh = com.peakcare.support.Shop.returnJson(freshNo, "REFUND_ONLY", "DAMAGED", "50.00", 1, null);
    String parcel = "{\"courier\":\"SF\",\"waybillNo\":\"SF1234567\"}";
    String survey = "{\"rating\":3}";
    String reassign = "{\"assignee\":\"agent1\"}";
    String change = "{\"amount\":10,\"reason\":\"goodwill\"}";
    return List.of(
        new Probe("openReturnCase", "POST", "/api/returns", "staff1", fresh, 403),
        new Probe("openReturnCase", "POST", "/api/returns", "shop1", fresh, 201),
        new Probe("openReturnCase", "POST", "/api/returns", "shop1", fresh, 200),
        new Probe("openReturnCase", "POST", "/api/returns", "shop1", fresh.replace("DAMAGED", "NOT_AS_DESCRIBED"), 409),
        new Probe("openReturnCase", "POST", "/api/returns", "shop1", fresh.replace("\"lines\"", "\"customer\":{},"
            + "\"lines\""), 400),
        new Probe("getReturnCase", "GET", "/api/returns/" + refund, "shop1", null, 200),
        new Probe("getReturnCase", "GET", "/api/returns/R-DOC-NONE", "shop1", null, 404),
        new Probe("getReturnCase", "GET", "/api/returns/" + refund, "staff1", null, 403),
        new Probe("listReturnCases", "GET", "/api/returns?status=LOST", "shop1", null, 400),
        new Probe("listReturnCases", "GET", "/api/returns", "staff1", null, 403),
        new Probe("listReturnCases", "GET", "/api/returns?status=REJECTED", "shop1", null, 200),
        new Probe("reportParcelShipped", "POST", "/api/returns/" + refund + "/parcel", "shop1", parcel, 409),
        new Probe("reportParcelShipped", "POST", "/api/returns/R-DOC-NONE/parcel", "shop1", parcel, 404),
        new Probe("reportParcelShipped", "POST", "/api/returns/" + refund + "/parcel", "staff1", parcel, 403),
        new Probe("reportReplacementDelivered", "POST", "/api/returns/" + refund + "/delivery", "shop1", null, 409),
        new Probe("reportReplacementDelivered", "POST", "/api/returns/R-DOC-NONE/delivery", "shop1", null, 404),
        new Probe("reportReplacementDelivered", "POST", "/api/returns/" + refund + "/delivery", "staff1", null, 403),
        new Probe("recordSurveyAnswer", "POST", "/api/returns/" + refund + "/survey", "shop1", survey, 409),
        new Probe("recordSurveyAnswer", "POST", "/api/returns/R-DOC-NONE/survey", "shop1", survey, 404),
        new Probe("recordSurveyAnswer", "POST", "/api/returns/" + refund + "/survey", "staff1", survey, 403),
        new Probe("recordSurveyAnswer", "POST", "/api/returns/" + refund + "/survey", "shop1", "{\"rating\":9}", 400),
        new Probe("reassignReturnCase", "POST", "/api/returns/" + rejected + "/assignee", "cslead", reassign, 409),
        new Probe("reassignReturnCase", "POST", "/api/returns/R-DOC-NONE/assignee", "cslead", reassign, 404),
        new Probe("reassignReturnCase", "POST", "/api/returns/" + refund + "/assignee", "shop1", reassign, 403),
        new Probe("reassignReturnCase", "POST", "/api/returns/" + refund + "/assignee", "cslead",
            "{\"assignee\":\"warehouse1\"}", 400),
        new Probe("changeRefund", "PUT", "/api/returns/" + exchange + "/refund", "cslead", change, 409),
        new Probe("changeRefund", "PUT", "/api/returns/R-DOC-NONE/refund", "cslead", change, 404),
        new Probe("changeRefund", "PUT", "/api/returns/" + refund + "/refund", "shop1", change, 403),
        new Probe("changeRefund", "PUT", "/api/returns/" + refund + "/refund", "cslead", "{\"reason\":\"x\"}", 400),
        new Probe("changeRefund", "PUT", "/api/returns/" + refund + "/refund", "opslead", change, 403),
        new Probe("decideRefundChange", "POST", "/api/returns/" + refund + "/refund/decision", "cslead2",
            "{\"approve\":true}", 409),
        new Probe("decideRefundChange", "POST", "/api/returns/R-DOC-NONE/refund/decision", "cslead2",
            "{\"approve\":true}", 404),
        new Probe("decideRefundChange", "POST", "/api/returns/" + refund + "/refund/decision", "shop1",
            "{\"approve\":true}", 403),
        new Probe("decideRefundChange", "POST", "/api/returns/" + refund + "/refund/decision", "cslead2",
            "{\"note\":\"no decision\"}", 400),
        new Probe("reassignReturnCase", "POST", "/api/returns/" + refund + "/assignee", "uxlead", reassign, 403),
        new Probe("listCaseNotices", "GET", "/api/notices/" + refund, "cslead", null, 200),
        new Probe("listCaseNotices", "GET", "/api/notices/" + refund, "staff1", null, 403),
        new Probe("getRefundPromise", "GET", "/api/refund-care/" + refund, "cslead", null, 200),
        new Probe("getRefundPromise", "GET", "/api/refund-care/R-DOC-NONE", "cslead", null, 404),
        new Probe("getRefundPromise", "GET", "/api/refund-care/" + refund, "staff1", null, 403));
  }

  private List<Probe> noticeProbes() {
    // a courier no case travels with: the broadcast reaches nobody and is done at once
    String delay = "{\"courier\":\"DOC-" + id().toUpperCase() + "\",\"provinces\":[\"西藏\"],\"expectedDelayDays\":2,"
        + "\"reason\":\"WEATHER\"}";
    String path = "/api/notices/logistics-delay";
    return List.of(
        new Probe("startLogisticsDelayBroadcast", "POST", path, "shop1", delay, 202),
        new Probe("startLogisticsDelayBroadcast", "POST", path, "staff1", delay, 403),
        new Probe("startLogisticsDelayBroadcast", "POST", path, "shop1", delay.replace("WEATHER", "大雪封路 · snow"), 400),
        new Probe("getLogisticsDelayBroadcast", "GET", path + "/" + UUID.randomUUID(), "shop1", null, 404),
        new Probe("getLogisticsDelayBroadcast", "GET", path + "/" + UUID.randomUUID(), "staff1", null, 403));
  }

  private List<Probe> orderProbes() {
    String returnNo = "R-DOC-" + id();
    String orderNo = com.peakcare.support.Shop.orderNoOf(returnNo);
    String order = com.peakcare.support.Shop.orderJson(returnNo, "60.00", "HOME", "GOLD");
    String path = "/api/orders/" + orderNo;
    return List.of(
        new Probe("registerOrder", "PUT", path, "staff1", order, 403),
        new Probe("registerOrder", "PUT", path, "shop1", order.replace("\"status\":\"PAID\"", "\"status\":\"PAID\","
            + "\"customer\":\"old client\""), 400),
        new Probe("registerOrder", "PUT", path, "shop1", order, 201),
        new Probe("registerOrder", "PUT", path, "shop1", order, 200),
        new Probe("registerOrder", "PUT", path, "shop1", order.replace("\"PAID\"", "\"UNPAID\""), 400),
        // an order that was paid never becomes unpaid again
        new Probe("registerOrder", "PUT", path, "shop1", order.replace("buyer-", "another-buyer-"), 409),
        new Probe("getOrder", "GET", path, "shop1", null, 200),
        new Probe("getOrder", "GET", path, "agent1", null, 200),
        new Probe("getOrder", "GET", "/api/orders/O-DOC-NONE", "shop1", null, 404),
        new Probe("getOrder", "GET", path, "staff1", null, 403));
  }

  private List<Probe> campaignProbes() throws Exception {
    String code = "DOC-" + id();
    HttpResponse<String> created = http.post("/api/campaigns", "setter1", aCampaign(code));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String finding = JSON.readTree(created.body()).path("findings").get(0).path("id").asText();
    String justification = "{\"justification\":\"仅限会员 · members only\"}";
    String report = "{\"description\":\"价格不符 · wrong price\"}";
    String justify = "/api/campaigns/" + code + "/findings/" + finding + "/justification";
    String correction = "{\"items\":" + JSON.readTree(aCampaign(code)).path("items") + ",\"reason\":\"价格写错 · "
        + "wrong price\"}";
    return List.of(
        new Probe("startCampaignCheck", "POST", "/api/campaigns", "setter1", aCampaign(code), 409),
        new Probe("startCampaignCheck", "POST", "/api/campaigns", "staff1", aCampaign("DOC-" + id()), 403),
        new Probe("getCampaign", "GET", "/api/campaigns/" + code, "setter1", null, 200),
        new Probe("getCampaign", "GET", "/api/campaigns/DOC-NONE", "setter1", null, 404),
        // an integrator reads where a check stands (the reduced view)
        new Probe("getCampaign", "GET", "/api/campaigns/" + code, "shop1", null, 200),
        new Probe("getCampaign", "GET", "/api/campaigns/" + code, nobody(), null, 403),
        new Probe("justifyFinding", "POST", justify, "peer1", justification, 403),
        new Probe("justifyFinding", "POST", "/api/campaigns/" + code + "/findings/NONE/justification", "setter1",
            justification, 404),
        new Probe("justifyFinding", "POST", "/api/campaigns/DOC-NONE/findings/x/justification", "setter1",
            justification, 404),
        new Probe("justifyFinding", "POST", justify, "setter1", justification, 200),
        new Probe("justifyFinding", "POST", justify, "setter1", justification, 409),
        new Probe("reportCustomerError", "POST", "/api/campaigns/" + code + "/customer-reports", "shop1", report, 409),
        new Probe("reportCustomerError", "POST", "/api/campaigns/DOC-NONE/customer-reports", "shop1", report, 404),
        new Probe("reportCustomerError", "POST", "/api/campaigns/" + code + "/customer-reports", "staff1", report,
            403),
        new Probe("listLedgerEntries", "GET", "/api/campaign-ledger", "staff1", null, 200),
        new Probe("listLedgerEntries", "GET", "/api/campaign-ledger?person=agent1", "staff1", null, 403),
        new Probe("listLedgerEntries", "GET", "/api/campaign-ledger?size=0", "staff1", null, 400),
        new Probe("verifyCampaignSignOffs", "GET", "/api/audit/campaigns/" + code + "/verify", "auditor1", null, 200),
        new Probe("verifyCampaignSignOffs", "GET", "/api/audit/campaigns/" + code + "/verify", "staff1", null, 403),
        // the briefing of a campaign (issue 16): this one is not live yet
        new Probe("getCampaignBriefing", "GET", "/api/campaigns/" + code + "/briefing", "agent1", null, 403),
        new Probe("getCampaignBriefing", "GET", "/api/campaigns/" + code + "/briefing", "cslead", null, 404),
        new Probe("getCampaignBriefingFaq", "GET", "/api/campaigns/" + code + "/briefing/faq", "shop1", null, 403),
        new Probe("getCampaignBriefingFaq", "GET", "/api/campaigns/" + code + "/briefing/faq", "agent1", null, 404),
        new Probe("listBriefingCredits", "GET", "/api/briefing-credits", "agent1", null, 200),
        new Probe("listBriefingCredits", "GET", "/api/briefing-credits?person=agent2", "agent1", null, 403),
        new Probe("listBriefingCredits", "GET", "/api/briefing-credits?page=-1", "agent1", null, 400),
        new Probe("correctCampaign", "POST", "/api/campaigns/" + code + "/corrections", "agent1", correction, 403),
        new Probe("correctCampaign", "POST", "/api/campaigns/DOC-NONE/corrections", "setter1", correction, 404),
        new Probe("correctCampaign", "POST", "/api/campaigns/" + code + "/corrections", "setter1", correction, 409),
        new Probe("correctCampaign", "POST", "/api/campaigns/" + code + "/corrections", "setter1", "{\"items\":[]}",
            400));
  }

  private List<Probe> auditAndStaffProbes() {
    String assignment = "{\"department\":\"after-sales\",\"superior\":\"cslead\"}";
    return List.of(
        new Probe("listSignOffs", "GET", "/api/audit/signoffs", "auditor1", null, 200),
        new Probe("listSignOffs", "GET", "/api/audit/signoffs", "staff1", null, 403),
        new Probe("listSignOffs", "GET", "/api/audit/signoffs?page=10737419&size=200", "auditor1", null, 400),
        new Probe("getPublicKey", "GET", "/api/audit/public-key", "staff1", null, 200),
        new Probe("getMyProfile", "GET", "/api/me", "staff1", null, 200),
        new Probe("getStaffProfile", "GET", "/api/staff/agent1", "cslead", null, 200),
        new Probe("getStaffProfile", "GET", "/api/staff/nobody-" + id(), "cslead", null, 404),
        new Probe("getStaffProfile", "GET", "/api/staff/agent1", "staff1", null, 403),
        new Probe("updateStaffProfile", "PUT", "/api/staff/nobody-" + id(), "demo", assignment, 404),
        new Probe("updateStaffProfile", "PUT", "/api/staff/agent1", "staff1", assignment, 403),
        new Probe("updateStaffProfile", "PUT", "/api/staff/agent1", "demo",
            "{\"department\":\"after-sales\",\"superior\":\"agent1\"}", 400));
  }

  private List<Probe> reviewProbes() throws Exception {
    String batch = "{\"reviews\":[{\"orderNo\":\"O-DOC-" + id() + "\",\"sku\":\"A\",\"stars\":4,"
        + "\"text\":\"不错，就是物流太慢了\",\"reviewedAt\":\"2026-11-14T10:00:00Z\"}]}";
    String csv = "orderNo,sku,stars,text,reviewedAt\nO-DOC-" + id() + ",A,5,好,2026-11-14 10:00\n";
    HttpResponse<String> opened = http.post("/api/review-cycles", "cslead", "{}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String cycle = JSON.readTree(opened.body()).path("cycle").path("id").asText();
    String text = "{\"stars\":4,\"text\":\"不错，就是物流太慢了\"}";
    return List.of(
        new Probe("sendReviews", "POST", "/api/reviews", "shop1", batch, 200),
        new Probe("sendReviews", "POST", "/api/reviews", "staff1", batch, 403),
        new Probe("uploadReviewsCsv", "POST", "/api/reviews/csv", "whlead", csv, 200),
        new Probe("uploadReviewsCsv", "POST", "/api/reviews/csv", "shop1", csv, 403),
        new Probe("analyseReview", "POST", "/api/reviews/analyse", "whlead", text, 200),
        new Probe("analyseReview", "POST", "/api/reviews/analyse", "staff1", text, 403),
        new Probe("openReviewCycle", "POST", "/api/review-cycles", "whlead", "{\"label\":\"doc\"}", 201),
        new Probe("openReviewCycle", "POST", "/api/review-cycles", "staff1", "{}", 403),
        new Probe("getReviewCycle", "GET", "/api/review-cycles/" + cycle, "whlead", null, 200),
        new Probe("getReviewCycle", "GET", "/api/review-cycles/" + cycle, "staff1", null, 403),
        new Probe("getReviewCycle", "GET", "/api/review-cycles/RC-NONE", "whlead", null, 404),
        new Probe("getReviewMeeting", "GET", "/api/reviews/meeting", "auditor1", null, 200),
        new Probe("getReviewMeeting", "GET", "/api/reviews/meeting", "staff1", null, 403),
        new Probe("getReviewMeeting", "GET", "/api/reviews/meeting?cycle=RC-NONE", "whlead", null, 404),
        new Probe("getReviewMeeting", "GET", "/api/reviews/meeting?trend=0", "whlead", null, 400),
        new Probe("getReviewMeetingCsv", "GET", "/api/reviews/meeting.csv", "whlead", null, 200),
        new Probe("getReviewMeetingCsv", "GET", "/api/reviews/meeting.csv", "staff1", null, 403),
        new Probe("getReviewMeetingCsv", "GET", "/api/reviews/meeting.csv?cycle=RC-NONE", "whlead", null, 404));
  }

  /** The dashboard (issue 25): each tile for its department's supervisors and auditors, no other. */
  private List<Probe> dashboardProbes() {
    return List.of(
        new Probe("getDashboardTiles", "GET", "/api/dashboard/tiles", "opslead", null, 200),
        new Probe("getDashboardTiles", "GET", "/api/dashboard/tiles", "agent1", null, 403),
        new Probe("getDashboardReturns", "GET", "/api/dashboard/returns", "cslead", null, 200),
        new Probe("getDashboardReturns", "GET", "/api/dashboard/returns", "opslead", null, 403),
        new Probe("getDashboardReturns", "GET", "/api/dashboard/returns?saleFrom=11.11", "cslead", null, 400),
        new Probe("getDashboardMoney", "GET", "/api/dashboard/money?saleFrom=2026-11-11&saleTo=2026-11-12", "auditor1",
            null, 200),
        new Probe("getDashboardMoney", "GET", "/api/dashboard/money", "shop1", null, 403),
        new Probe("getDashboardMoney", "GET", "/api/dashboard/money?saleTo=2020-01-01", "cslead", null, 400),
        new Probe("getDashboardPromises", "GET", "/api/dashboard/promises", "cslead", null, 200),
        new Probe("getDashboardPromises", "GET", "/api/dashboard/promises", "whlead", null, 403),
        new Probe("getDashboardNotices", "GET", "/api/dashboard/notices", "auditor1", null, 200),
        new Probe("getDashboardNotices", "GET", "/api/dashboard/notices", "agent1", null, 403),
        new Probe("getDashboardCampaigns", "GET", "/api/dashboard/campaigns", "opslead", null, 200),
        new Probe("getDashboardCampaigns", "GET", "/api/dashboard/campaigns", "cslead", null, 403),
        new Probe("getDashboardTileCsv", "GET", "/api/dashboard/returns.csv", "cslead", null, 200),
        new Probe("getDashboardTileCsv", "GET", "/api/dashboard/campaigns.csv", "cslead", null, 403),
        new Probe("getDashboardTileCsv", "GET", "/api/dashboard/nothing.csv", "auditor1", null, 404),
        new Probe("getDashboardTileCsv", "GET", "/api/dashboard/money.csv?saleFrom=x", "auditor1", null, 400));
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  /** A login that is in no group at all (every demo user is in one that reads campaigns). */
  private String nobody() {
    String id = "nogroup-" + id();
    org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
    user.setFirstName("No");
    user.setLastName("Group");
    user.setPassword("demo");
    identityService.saveUser(user);
    return id;
  }

  private static Map<String, Operation> operations(JsonNode doc) {
    Map<String, Operation> operations = new LinkedHashMap<>();
    ApiDocsTest.operations(doc).forEach((name, op) -> {
      Set<String> codes = new TreeSet<>();
      op.path("responses").fieldNames().forEachRemaining(codes::add);
      String[] methodAndPath = name.split(" ", 2);
      operations.put(op.path("operationId").asText(), new Operation(op.path("operationId").asText(),
          methodAndPath[0], methodAndPath[1], codes, op.has("requestBody")));
    });
    return operations;
  }

  /** Issue 22: a campaign of its own (whatever ran is ended first), an unpaid order in it, the report. */
  private List<Probe> reminderProbes() throws Exception {
    for (JsonNode c : JSON.readTree(http.get("/api/reminders/campaigns", "opslead").body())) {
      if ("RUNNING".equals(c.path("status").asText())) {
        http.post("/api/reminders/campaigns/" + c.path("campaignId").asText() + "/end", "opslead", "{}");
      }
    }
    String campaign = "DOC-" + id();
    String start = "{\"campaignId\":\"" + campaign + "\",\"name\":\"文档\"}";
    String orderNo = "O-DOC-RM-" + id();
    String unpaid = "{\"buyerId\":\"buyer-" + orderNo + "\",\"memberTier\":\"REGULAR\",\"status\":\"UNPAID\","
        + "\"orderedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"contact\":{\"name\":\"张伟\","
        + "\"phone\":\"13800001111\",\"locale\":\"zh-CN\"},\"province\":\"浙江\",\"lines\":[{\"sku\":\"A\","
        + "\"name\":\"T恤\",\"category\":\"APPAREL\",\"productType\":\"PHYSICAL\",\"quantity\":1,"
        + "\"unitPrice\":99.00,\"itemRole\":\"PROFIT\"}]}";
    String batch = "{\"orders\":[{\"orderNo\":\"" + orderNo + "\",\"order\":" + unpaid + "}]}";
    String conflicting = batch.replace("buyer-", "another-buyer-");
    String base = "/api/reminders/campaigns/";
    return List.of(
        new Probe("startReminderCampaign", "POST", "/api/reminders/campaigns", "agent1", start, 403),
        new Probe("startReminderCampaign", "POST", "/api/reminders/campaigns", "setter1",
            "{\"campaignId\":\"bad id!\",\"name\":\"x\"}", 400),
        new Probe("startReminderCampaign", "POST", "/api/reminders/campaigns", "setter1", start, 201),
        new Probe("startReminderCampaign", "POST", "/api/reminders/campaigns", "setter1", start, 409),
        new Probe("listReminderCampaigns", "GET", "/api/reminders/campaigns", "setter1", null, 200),
        new Probe("listReminderCampaigns", "GET", "/api/reminders/campaigns", "agent1", null, 403),
        new Probe("getReminderCampaign", "GET", base + campaign, "setter1", null, 200),
        new Probe("getReminderCampaign", "GET", base + "NONE", "setter1", null, 404),
        new Probe("getReminderCampaign", "GET", base + campaign, "agent1", null, 403),
        new Probe("registerOrders", "POST", "/api/orders/batch", "agent1", batch, 403),
        new Probe("registerOrders", "POST", "/api/orders/batch", "shop1", "{\"orders\":[]}", 400),
        new Probe("registerOrders", "POST", "/api/orders/batch", "shop1", batch, 200),
        new Probe("registerOrders", "POST", "/api/orders/batch", "shop1", conflicting, 409),
        new Probe("getReminderOrder", "GET", "/api/reminders/orders/" + orderNo, "setter1", null, 200),
        new Probe("getReminderOrder", "GET", "/api/reminders/orders/" + orderNo, "shop1", null, 200),
        new Probe("getReminderOrder", "GET", "/api/reminders/orders/O-DOC-NONE", "setter1", null, 404),
        new Probe("getReminderOrder", "GET", "/api/reminders/orders/" + orderNo, "agent1", null, 403),
        new Probe("getReminderReport", "GET", base + campaign + "/report", "setter1", null, 200),
        new Probe("getReminderReport", "GET", base + "NONE/report", "setter1", null, 404),
        new Probe("getReminderReport", "GET", base + campaign + "/report", "agent1", null, 403),
        new Probe("getReminderReportCsv", "GET", base + campaign + "/report.csv", "opslead", null, 200),
        new Probe("getReminderReportCsv", "GET", base + "NONE/report.csv", "opslead", null, 404),
        new Probe("getReminderReportCsv", "GET", base + campaign + "/report.csv", "agent1", null, 403),
        new Probe("planReminderCampaign", "GET", "/api/reminders/planning?baseline=0.3&uplift=0.05", "setter1", null,
            200),
        new Probe("planReminderCampaign", "GET", "/api/reminders/planning?baseline=2&uplift=0.05", "setter1", null,
            400),
        new Probe("planReminderCampaign", "GET", "/api/reminders/planning?baseline=0.3&uplift=0.05", "agent1", null,
            403),
        new Probe("flagReminderBuyer", "PUT", "/api/reminders/buyers/doc-buyer/flag", "shop1",
            "{\"kind\":\"OPT_OUT\"}", 200),
        new Probe("flagReminderBuyer", "PUT", "/api/reminders/buyers/doc-buyer/flag", "shop1", "{\"kind\":\"X\"}",
            400),
        new Probe("flagReminderBuyer", "PUT", "/api/reminders/buyers/doc-buyer/flag", "agent1",
            "{\"kind\":\"OPT_OUT\"}", 403),
        new Probe("unflagReminderBuyer", "DELETE", "/api/reminders/buyers/doc-buyer/flag", "agent1", null, 403),
        new Probe("unflagReminderBuyer", "DELETE", "/api/reminders/buyers/doc-buyer/flag", "shop1", null, 204),
        new Probe("unflagReminderBuyer", "DELETE", "/api/reminders/buyers/doc-buyer/flag", "shop1", null, 404),
        new Probe("endReminderCampaign", "POST", base + campaign + "/end", "agent1", null, 403),
        new Probe("endReminderCampaign", "POST", base + campaign + "/end", "setter1", null, 200),
        new Probe("endReminderCampaign", "POST", base + campaign + "/end", "setter1", null, 409),
        new Probe("endReminderCampaign", "POST", base + "NONE/end", "setter1", null, 404));
  }

  /** Issue 27: a customer's export and erasure (after-sales supervisors; a second one approves). */
  private List<Probe> privacyProbes() throws Exception {
    String returnNo = "R-DOC-PRIV-" + id();
    HttpResponse<String> order = com.peakcare.support.Shop.putOrder(http, returnNo, "60.00", "HOME", "GOLD");
    assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
    String buyer = "{\"buyerId\":\"buyer-" + returnNo + "\"";
    String asked = buyer + ",\"reason\":\"asked by hotline\"}";
    ObjectMapper json = new ObjectMapper();
    String first = json.readTree(send("POST", "/api/privacy/erasures", "cslead", asked).body()).path("id").asText();
    String second = json.readTree(send("POST", "/api/privacy/erasures", "cslead", asked).body()).path("id").asText();
    String none = "/api/privacy/erasures/" + UUID.randomUUID();
    String tooLong = "/api/privacy/erasures/" + "a".repeat(40);
    String note = "{\"note\":\"not the customer\"}";
    return List.of(
        new Probe("exportPersonalData", "POST", "/api/privacy/exports", "agent1", buyer + "}", 403),
        new Probe("exportPersonalData", "POST", "/api/privacy/exports", "cslead", buyer + ",\"phone\":\"138\"}", 400),
        new Probe("exportPersonalData", "POST", "/api/privacy/exports", "cslead", buyer + "}", 200),
        new Probe("requestErasure", "POST", "/api/privacy/erasures", "agent1", asked, 403),
        new Probe("requestErasure", "POST", "/api/privacy/erasures", "cslead", "{\"reason\":\"x\"}", 400),
        new Probe("requestErasure", "POST", "/api/privacy/erasures", "cslead",
            "{\"buyerId\":\"nobody-" + id() + "\",\"reason\":\"x\"}", 404),
        new Probe("getErasure", "GET", "/api/privacy/erasures/" + first, "agent1", null, 403),
        new Probe("getErasure", "GET", tooLong, "cslead", null, 400),
        new Probe("getErasure", "GET", none, "cslead", null, 404),
        new Probe("getErasure", "GET", "/api/privacy/erasures/" + first, "cslead", null, 200),
        new Probe("getPrivacyTrail", "GET", "/api/privacy/trail", "agent1", null, 403),
        new Probe("getPrivacyTrail", "GET", "/api/privacy/trail?limit=0", "cslead", null, 400),
        new Probe("getPrivacyTrail", "GET", "/api/privacy/trail", "cslead", null, 200),
        new Probe("approveErasure", "POST", "/api/privacy/erasures/" + first + "/approval", "agent1", "{}", 403),
        new Probe("approveErasure", "POST", tooLong + "/approval", "cslead2", "{}", 400),
        new Probe("approveErasure", "POST", none + "/approval", "cslead2", "{}", 404),
        new Probe("approveErasure", "POST", "/api/privacy/erasures/" + first + "/approval", "cslead2", "{}", 200),
        new Probe("approveErasure", "POST", "/api/privacy/erasures/" + first + "/approval", "cslead2", "{}", 409),
        new Probe("rejectErasure", "POST", "/api/privacy/erasures/" + second + "/rejection", "agent1", note, 403),
        new Probe("rejectErasure", "POST", none + "/rejection", "cslead2", note, 404),
        new Probe("rejectErasure", "POST", "/api/privacy/erasures/" + second + "/rejection", "cslead2",
            "{\"note\":\"" + "x".repeat(600) + "\"}", 400),
        new Probe("rejectErasure", "POST", "/api/privacy/erasures/" + second + "/rejection", "cslead2", note, 200),
        new Probe("rejectErasure", "POST", "/api/privacy/erasures/" + second + "/rejection", "cslead2", note, 409));
  }

  private HttpResponse<String> send(String method, String path, String user, String body) {
    HttpRequest.Builder request = http.request(path, user);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build());
  }

  /** Failed logins of a user nobody else uses, until the throttle answers. */
  private HttpResponse<String> throttledLogin() {
    String user = "guess-" + id();
    HttpResponse<String> res = null;
    for (int i = 0; i < 10; i++) {
      res = http.get("/api/me", user, "wrong");
      if (res.statusCode() == 429) {
        break;
      }
    }
    return res;
  }

  private static boolean isProblem(HttpResponse<String> res) {
    try {
      return res.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
          && JSON.readTree(res.body()).path("status").asInt() == res.statusCode();
    } catch (Exception e) {
      return false;
    }
  }

  private String open(String type, String reason, String amount, int daysAgo, String category) {
    String returnNo = "R-DOC-" + id();
    com.peakcare.support.Shop.registerOrder(http, returnNo, amount, category, "REGULAR");
    HttpResponse<String> res = http.post("/api/returns", "shop1", com.peakcare.support.Shop.returnJson(returnNo, type,
        reason, amount, daysAgo, null));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return returnNo;
  }

  /** A campaign whose only item has a trap: one open finding for its setter to justify. */
  private static String aCampaign(String code) {
    return "{\"code\":\"" + code + "\",\"name\":\"双11 " + code + "\",\"goLiveAt\":\""
        + Instant.now().plus(4, ChronoUnit.DAYS) + "\",\"items\":[{\"id\":\"first-n\",\"type\":\"gift\","
        + "\"text\":\"前100名下单送帆布袋\",\"firstN\":100}]}";
  }

  /** Issue 24: complaints. */
  private List<Probe> complaintProbes() {
    String returnNo = "R-DOC-" + id();
    com.peakcare.support.Shop.registerOrder(http, returnNo, "60.00", "HOME", "REGULAR");
    String no = "C-DOC-" + id();
    String body = "{\"complaintNo\":\"" + no + "\",\"orderNo\":\"" + com.peakcare.support.Shop.orderNoOf(returnNo)
        + "\",\"channel\":\"PHONE\",\"category\":\"SERVICE\",\"severity\":\"LOW\",\"demand\":\"态度差\"}";
    String words = "{\"text\":\"好\"}";
    return List.of(
        new Probe("openComplaint", "POST", "/api/complaints", "staff1", body, 403),
        new Probe("openComplaint", "POST", "/api/complaints", "shop1", body, 201),
        new Probe("openComplaint", "POST", "/api/complaints", "shop1", body, 200),
        new Probe("openComplaint", "POST", "/api/complaints", "shop1", body.replace("态度差", "别的"), 409),
        new Probe("openComplaint", "POST", "/api/complaints", "shop1", body.replace("SERVICE", "NOISE"), 400),
        new Probe("getComplaint", "GET", "/api/complaints/" + no, "shop1", null, 200),
        new Probe("getComplaint", "GET", "/api/complaints/C-DOC-NONE", "shop1", null, 404),
        new Probe("getComplaint", "GET", "/api/complaints/" + no, "staff1", null, 403),
        new Probe("recordComplaintCustomerAnswer", "POST", "/api/complaints/" + no + "/customer-answer", "shop1", words,
            409),
        new Probe("recordComplaintCustomerAnswer", "POST", "/api/complaints/C-DOC-NONE/customer-answer", "shop1",
            words, 404),
        new Probe("recordComplaintConfirmation", "POST", "/api/complaints/" + no + "/customer-confirmation", "shop1",
            words, 409),
        new Probe("recordComplaintConfirmation", "POST", "/api/complaints/C-DOC-NONE/customer-confirmation", "shop1",
            words, 404),
        new Probe("reopenComplaint", "POST", "/api/complaints/" + no + "/customer-return", "shop1", words, 409),
        new Probe("reopenComplaint", "POST", "/api/complaints/C-DOC-NONE/customer-return", "shop1", words, 404),
        new Probe("getComplaintReport", "GET", "/api/complaints/report", "cslead", null, 200),
        new Probe("getComplaintReport", "GET", "/api/complaints/report", "agent1", null, 403));
  }

  @org.springframework.beans.factory.annotation.Autowired com.peakcare.notice.NoticeService noticeService;

  // the operators' (supervisors') failed notice deliveries; a notice just recorded has nothing failed to retry
  private List<Probe> noticeDeliveryProbes() {
    String caseRef = "R-DOC-" + id();
    String key = noticeService.send(caseRef, com.peakcare.notice.NoticeType.SURVEY,
        new com.peakcare.notice.NoticeCustomer("王小明", null, "doc." + id() + "@example.cn", "zh-CN", "上海"),
        java.util.Map.of(com.peakcare.notice.NoticeVariables.RETURN_NO, caseRef)).key();
    String retry = "/api/notice-deliveries/" + key + "/retry";
    return List.of(
        new Probe("listFailedNoticeDeliveries", "GET", "/api/notice-deliveries/failed", "cslead", null, 200),
        new Probe("listFailedNoticeDeliveries", "GET", "/api/notice-deliveries/failed", "agent1", null, 403),
        new Probe("retryNoticeDelivery", "POST", retry, "agent1", null, 403),
        new Probe("retryNoticeDelivery", "POST", "/api/notice-deliveries/R-DOC-NONE:SURVEY:1/retry", "cslead", null,
            404),
        new Probe("retryNoticeDelivery", "POST", retry, "cslead", null, 409));
  }

  private static String id() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
