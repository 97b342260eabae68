package com.peakcare.order;

import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 订单: the shop's system registers its orders; return cases, payment reminders and complaints name them. */
@RestController
@RequestMapping("/api/orders")
@Validated
@Tag(name = "orders", description = "订单 · The shop's orders: the record behind every refund")
class OrderController {

  private final Orders orders;

  OrderController(Orders orders) {
    this.orders = orders;
  }

  @PutMapping("/{orderNo}")
  @PreAuthorize("hasAuthority('GROUP_integrators')")
  @Operation(operationId = "registerOrder", summary = "Registers an order, or updates it with a later snapshot "
      + "(integrators): 201 when new, 200 when updated or identical",
      description = "A snapshot of the order as the shop's system sees it now. Sending the same snapshot again changes "
          + "nothing. A later snapshot updates status, payment, tier, contact and lines, within the rules: only the "
          + "account that registered the order updates it; buyer and order time never change; UNPAID may become "
          + "anything, PAID may become CANCELLED or CLOSED, CANCELLED and CLOSED stay; a paid order stays paid; the "
          + "paid amount never falls below what is refunded and in flight, nor a line below its units returned and in "
          + "flight (such a line also keeps its unit price and stays on the order). Each broken rule is a 409 naming "
          + "the field.")
  @ApiResponse(responseCode = "201", description = "The order, registered", headers = @Header(name = "Location",
      description = "`/api/orders/{orderNo}`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "The order, updated (or unchanged: the same snapshot again)")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field, e.g. a PAID order "
      + "without paidAt, a line category that is not one of the shop's, an unknown field")
  @ApiResponse(responseCode = "409", description = "The snapshot breaks a rule of the registered order (`errors` names "
      + "the field), or another account registered this order number")
  ResponseEntity<Order> register(
      @PathVariable @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only")
          String orderNo,
      @Valid @RequestBody OrderSnapshot snapshot, Authentication auth) {
    Orders.Registered done = orders.register(List.of(new Orders.Registration(orderNo, snapshot)), auth.getName())
        .get(0);
    return done.outcome() == Orders.Outcome.CREATED
        ? ResponseEntity.created(URI.create("/api/orders/" + orderNo)).body(done.order())
        : ResponseEntity.ok(done.order());
  }

  /** A batch of orders (issue 22): what Double 11's first hour needs, up to 500 a request. */
  @Schema(name = "OrderBatch")
  @com.peakcare.web.RefuseUnknownFields
  record Batch(@jakarta.validation.constraints.NotEmpty @Size(max = 500) List<@jakarta.validation.constraints.NotNull
      @Valid Entry> orders) {}

  @Schema(name = "OrderBatchEntry")
  @com.peakcare.web.RefuseUnknownFields
  record Entry(
      @jakarta.validation.constraints.NotBlank @Size(max = 64)
          @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only") String orderNo,
      @jakarta.validation.constraints.NotNull @Valid OrderSnapshot order) {}

  @Schema(name = "OrderBatchResult")
  record BatchResult(List<Outcome> orders) {}

  @Schema(name = "OrderBatchOutcome")
  record Outcome(String orderNo, Orders.Outcome outcome, OrderStatus status) {}

  @org.springframework.web.bind.annotation.PostMapping("/batch")
  @PreAuthorize("hasAuthority('GROUP_integrators')")
  @Operation(operationId = "registerOrders", summary = "Registers up to 500 orders at once (integrators): all or none",
      description = "Each order as PUT /api/orders/{orderNo} registers it, in one transaction: a broken rule of any "
          + "order refuses the whole batch, naming the field as orders[i].… The answer says per order whether it was "
          + "created, updated or unchanged.")
  @ApiResponse(responseCode = "200", description = "Every order registered")
  @ApiResponse(responseCode = "400", description = "Invalid request: `errors` names each bad field")
  @ApiResponse(responseCode = "409", description = "A snapshot breaks a rule of its registered order (`errors` names "
      + "the field), or another account registered one of the order numbers")
  BatchResult registerAll(@Valid @RequestBody Batch batch, Authentication auth) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < batch.orders().size(); i++) {
      if (!seen.add(batch.orders().get(i).orderNo())) {
        throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Invalid request",
            "Invalid request: orders[" + i + "].orderNo", List.of(new com.peakcare.web.ApiProblems.FieldProblem(
                "orders[" + i + "].orderNo", "同一订单号在一批中只能出现一次 · each order number once per batch")));
      }
    }
    List<Orders.Registered> done = orders.register(batch.orders().stream()
        .map(e -> new Orders.Registration(e.orderNo(), e.order())).toList(), auth.getName());
    return new BatchResult(done.stream().map(r -> new Outcome(r.order().orderNo(), r.outcome(), r.order().status()))
        .toList());
  }

  @GetMapping("/{orderNo}")
  @PreAuthorize("hasAnyAuthority('GROUP_integrators', 'GROUP_after-sales')")
  @Operation(operationId = "getOrder", summary = "The order as registered, with what its refunds use of it: refunded, "
      + "in flight, still refundable; per line units returned and in flight (the integrator that registered it, "
      + "after-sales staff, who see the phone masked and no e-mail)")
  @ApiResponse(responseCode = "200", description = "The order")
  @ApiResponse(responseCode = "404", description = "No such order, or (for an integrator) one another account "
      + "registered")
  Order get(@PathVariable String orderNo, Authentication auth) {
    Order order = orders.find(orderNo).orElseThrow(() -> ApiException.notFound("order " + orderNo));
    boolean afterSales = auth.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals(Groups.authority(Groups.AFTER_SALES)));
    if (order.registeredBy().equals(auth.getName())) {
      return order;
    }
    if (!afterSales) {
      throw ApiException.notFound("order " + orderNo);
    }
    return order.forStaff();
  }
}
