package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.shop.peakcare.api.AuditApi;
import com.example.shop.peakcare.api.OrdersApi;
import com.example.shop.peakcare.api.ReturnsApi;
import com.example.shop.peakcare.api.StaffApi;
import com.example.shop.peakcare.client.ApiClient;
import com.example.shop.peakcare.client.ApiException;
import com.example.shop.peakcare.client.ApiResponse;
import com.example.shop.peakcare.model.MemberTier;
import com.example.shop.peakcare.model.Order;
import com.example.shop.peakcare.model.OrderContact;
import com.example.shop.peakcare.model.OrderLine;
import com.example.shop.peakcare.model.OrderSnapshot;
import com.example.shop.peakcare.model.OrderStatus;
import com.example.shop.peakcare.model.PaymentMethod;
import com.example.shop.peakcare.model.ProductType;
import com.example.shop.peakcare.model.Problem;
import com.example.shop.peakcare.model.ReturnCaseSummary;
import com.example.shop.peakcare.model.ReturnCaseView;
import com.example.shop.peakcare.model.ReturnLine;
import com.example.shop.peakcare.model.ReturnReason;
import com.example.shop.peakcare.model.ReturnRequest;
import com.example.shop.peakcare.model.ReturnStatus;
import com.example.shop.peakcare.model.ReturnType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: the client an integrator generates from PeakCare's OpenAPI document works unedited. The build generates it
 * from the committed document (openapi-generator, {@code java} with library {@code native}, see the pom) and compiles
 * it with these tests; ApiDocsTest keeps that document the one PeakCare serves. Here it runs against PeakCare as the
 * shop's integration account: typed requests, typed answers, typed problems.
 */
@PeakCareTest
class GeneratedClientTest {

  @LocalServerPort int port;
  ReturnsApi returns;

  /** What an integrator writes: the base address, and HTTP Basic on every request. */
  ApiClient clientAs(String user, String password) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + port);
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + token));
    return client;
  }

  @BeforeEach
  void setUp() {
    returns = new ReturnsApi(clientAs("shop1", "demo"));
  }

  /** The shop registers an order of one pair of running shoes (129.00, paid), then a return of that line. */
  ReturnRequest aReturn(String amount) throws Exception {
    String n = UUID.randomUUID().toString().substring(0, 8);
    BigDecimal price = new BigDecimal(amount);
    OffsetDateTime ordered = OffsetDateTime.now().minusDays(5);
    Order order = new OrdersApi(clientAs("shop1", "demo")).registerOrder("O-GEN-" + n, new OrderSnapshot()
        .buyerId("buyer-" + n).memberTier(MemberTier.GOLD).status(OrderStatus.PAID).orderedAt(ordered)
        .paidAt(ordered.plusMinutes(2)).paidAmount(price).paymentMethod(PaymentMethod.ALIPAY)
        .contact(new OrderContact().name("王芳").phone("13900001111").locale("zh-CN")).province("江苏")
        .lines(List.of(new OrderLine().sku("SHOE-42").name("跑鞋").category(OrderLine.CategoryEnum.SHOES)
            .productType(ProductType.PHYSICAL).quantity(1).unitPrice(price))));
    assertThat(order.getRefundable()).isEqualByComparingTo(amount);
    return new ReturnRequest()
        .returnNo("R-GEN-" + n)
        .orderNo(order.getOrderNo())
        .type(ReturnType.RETURN_AND_REFUND)
        .reason(ReturnReason.WRONG_SIZE)
        .deliveredAt(OffsetDateTime.now().minusDays(2))
        .lines(List.of(new ReturnLine().sku("SHOE-42").quantity(1)));
  }

  @Test
  void anIntegratorOpensACaseRetriesItAndReadsItBack() throws Exception {
    ReturnRequest request = aReturn("129.00");

    ApiResponse<ReturnCaseView> opened = returns.openReturnCaseWithHttpInfo(request);
    assertThat(opened.getStatusCode()).isEqualTo(201);
    assertThat(opened.getHeaders().get("location")).containsExactly("/api/returns/" + request.getReturnNo());
    assertThat(opened.getData().getReturnNo()).isEqualTo(request.getReturnNo());
    assertThat(opened.getData().getType()).isEqualTo(ReturnType.RETURN_AND_REFUND);
    assertThat(opened.getData().getStatus()).isNotNull();
    assertThat(opened.getData().getPolicyOutcome()).isNotNull();

    // the answer was lost: the same request again opens nothing and answers the same case
    ApiResponse<ReturnCaseView> retried = returns.openReturnCaseWithHttpInfo(request);
    assertThat(retried.getStatusCode()).isEqualTo(200);
    assertThat(retried.getData().getOpenedAt()).isEqualTo(opened.getData().getOpenedAt());

    ReturnCaseView read = returns.getReturnCase(request.getReturnNo());
    assertThat(read.getStatus()).isEqualTo(opened.getData().getStatus());
    assertThat(read.getTimeline()).extracting(e -> e.getEvent()).contains("OPENED");
    assertThat(read.getAmount()).isEqualByComparingTo("129.00");

    List<ReturnCaseSummary> listed = returns.listReturnCases(read.getStatus(), null, 0, 200);
    assertThat(listed).extracting(ReturnCaseSummary::getReturnNo).contains(request.getReturnNo());
  }

  @Test
  void theDocumentDescribesEveryFieldPeakCareSends() throws Exception {
    ReturnRequest request = aReturn("129.00");
    returns.openReturnCase(request);
    // a client that refuses fields it does not know reads the case and a problem all the same
    ObjectMapper strict = ApiClient.createDefaultObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    String body = new Http(port).get("/api/returns/" + request.getReturnNo(), "shop1").body();
    ReturnCaseView view = strict.readValue(body, ReturnCaseView.class);
    assertThat(view.getNotices()).isNotEmpty();
    assertThat(view.getOpenTasks()).isNotNull();

    ReturnRequest twice = aReturn("129.00");
    returns.openReturnCase(twice);
    ApiException e = catchThrowableOfType(ApiException.class, () -> returns.openReturnCase(twice.returnNo("R-GEN-2-"
        + UUID.randomUUID().toString().substring(0, 8))));
    strict.readValue(e.getResponseBody(), Problem.class);
  }

  @Test
  void mistakesAreTypedProblems() throws Exception {
    ObjectMapper json = ApiClient.createDefaultObjectMapper();

    // more units than were bought: a 400 naming the field
    ReturnRequest two = aReturn("129.00");
    two.getLines().get(0).setQuantity(2);
    ApiException tooMuch = catchThrowableOfType(ApiException.class, () -> returns.openReturnCase(two));
    assertThat(tooMuch.getCode()).isEqualTo(400);
    assertThat(tooMuch.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    Problem invalid = json.readValue(tooMuch.getResponseBody(), Problem.class);
    assertThat(invalid.getStatus()).isEqualTo(400);
    assertThat(invalid.getType()).isEqualTo(URI.create("https://peakcare.example/problems/invalid-request"));
    assertThat(invalid.getErrors()).extracting(p -> p.getField()).containsExactly("lines[0].quantity");

    // the order's line that was refunded once is not refunded again: a 409 of the refund ceiling naming the field
    ReturnRequest once = aReturn("129.00");
    returns.openReturnCase(once.type(ReturnType.REFUND_ONLY).reason(ReturnReason.DAMAGED));
    ApiException ceiling = catchThrowableOfType(ApiException.class, () -> returns.openReturnCase(
        once.returnNo(once.getReturnNo() + "-AGAIN")));
    assertThat(ceiling.getCode()).isEqualTo(409);
    Problem refused = json.readValue(ceiling.getResponseBody(), Problem.class);
    assertThat(refused.getType()).isEqualTo(URI.create("https://peakcare.example/problems/refund-ceiling"));
    assertThat(refused.getErrors()).extracting(p -> p.getField()).containsExactly("lines[0].quantity");

    // a category the shop does not have cannot even be written: the client knows the shop's categories
    assertThatThrownBy(() -> OrderLine.CategoryEnum.fromValue("BOTTLES")).isInstanceOf(IllegalArgumentException.class);
    assertThat(OrderLine.CategoryEnum.fromValue("CUSTOM_MADE")).isEqualTo(OrderLine.CategoryEnum.CUSTOM_MADE);

    // the same return number with other content
    ReturnRequest request = aReturn("129.00");
    returns.openReturnCase(request);
    ApiException conflict = catchThrowableOfType(ApiException.class,
        () -> returns.openReturnCase(request.reason(ReturnReason.NOT_AS_DESCRIBED)));
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(json.readValue(conflict.getResponseBody(), Problem.class).getTitle()).isEqualTo("Conflict");

    ApiException unknown = catchThrowableOfType(ApiException.class, () -> returns.getReturnCase("R-GEN-NONE"));
    assertThat(unknown.getCode()).isEqualTo(404);
    assertThat(json.readValue(unknown.getResponseBody(), Problem.class).getInstance())
        .isEqualTo("/api/returns/R-GEN-NONE");

    // a user who does not exist: 401 (not shop1 with a wrong password, which would count as a failed login)
    ApiException anonymous = catchThrowableOfType(ApiException.class,
        () -> new StaffApi(clientAs("nobody-" + UUID.randomUUID(), "demo")).getMyProfile());
    assertThat(anonymous.getCode()).isEqualTo(401);
    assertThat(json.readValue(anonymous.getResponseBody(), Problem.class).getStatus()).isEqualTo(401);

    // the integration account may not read sign-offs
    ApiException forbidden = catchThrowableOfType(ApiException.class,
        () -> new AuditApi(clientAs("shop1", "demo")).listSignOffs(null, null, null, null));
    assertThat(forbidden.getCode()).isEqualTo(403);
  }

  @Test
  void otherAccountsUseTheSameClient() throws Exception {
    assertThat(new StaffApi(clientAs("shop1", "demo")).getMyProfile().getGroups()).containsExactly("integrators");
    AuditApi audit = new AuditApi(clientAs("auditor1", "demo"));
    // JSON, not the CSV the same operation also offers
    assertThat(audit.listSignOffs(null, null, 0, 50)).isNotNull();
    assertThat(audit.getPublicKey().getAlgorithm()).isEqualTo("Ed25519");
    assertThat(audit.verifyCampaignSignOffs("NO-SUCH-CAMPAIGN").getValid()).isTrue();
    assertThat(new ReturnsApi(clientAs("cslead", "demo")).listReturnCases(ReturnStatus.CLOSED, null, 0, 1)).isNotNull();
  }
}
