package com.peakcare.dashboard;

import com.peakcare.engine.EngineFigures;
import com.peakcare.order.CeilingRefused;
import com.peakcare.order.OrderFigures;
import com.peakcare.returns.ReturnCaseProcess;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Money (issue 25, point 2): refunds paid today and during the sale (count, sum), refunds waiting for a second
 * approval, refunds refused by an order's ceiling, destination changes requested and approved, refunds in REFUNDING
 * and the incidents at the refund step, and the refund rate of the sale's registered orders.
 */
@Component
class MoneyTile extends DashboardTile {

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardAmount")
  record Amount(long count, BigDecimal sum) {
    static Amount of(ReturnFigures.Amount a) {
      return new Amount(a.count(), a.sum());
    }
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardRefundRate")
  record RefundRate(long orders, long refundedOrders, BigDecimal paid, BigDecimal refunded, Double ordersRate,
      Double moneyRate) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardMoneyView")
  record MoneyView(Instant asOf, String timeZone, Instant saleFrom, Instant saleTo, Amount paidToday,
      Amount paidInSale, Amount awaitingSecondApproval, long ceilingRefusals, ReturnFigures.DestinationChanges
      destinationChanges, Amount refunding, long refundIncidents, RefundRate refundRate,
      List<DashboardLinks.Link> links) {}

  private final ReturnFigures returns;
  private final OrderFigures orders;
  private final EngineFigures engine;
  private final DashboardLinks links;

  MoneyTile(DashboardAccess access, ShopTime time, ReturnFigures returns, OrderFigures orders, EngineFigures engine,
      DashboardLinks links) {
    super(Tile.MONEY, access, time);
    this.returns = returns;
    this.orders = orders;
    this.engine = engine;
    this.links = links;
  }

  @Override
  MoneyView figures(ShopTime.Window w) {
    OrderFigures.RefundRate r = orders.refundRate(w.saleFrom(), w.saleTo());
    return new MoneyView(w.now(), w.zone().getId(), w.saleFrom(), w.saleTo(),
        Amount.of(returns.refundsPaid(w.todayFrom(), w.todayTo())),
        Amount.of(returns.refundsPaid(w.saleFrom(), w.saleTo())),
        Amount.of(returns.inStatus(Status.AWAITING_SECOND_APPROVAL)),
        orders.refusals(w.saleFrom(), w.saleTo()).get(CeilingRefused.CODE),
        returns.destinationChanges(w.saleFrom(), w.saleTo()),
        Amount.of(returns.inStatus(Status.REFUNDING)),
        engine.incidentsAt(List.of(Elements.TASK_ISSUE_REFUND)),
        new RefundRate(r.orders(), r.refundedOrders(), r.paid(), r.refunded(),
            r.orders() == 0 ? null : (double) r.refundedOrders() / r.orders(),
            r.paid().signum() == 0 ? null : r.refunded().divide(r.paid(), 6, RoundingMode.HALF_UP).doubleValue()),
        List.of(links.cockpit("退款事故 · Refund incidents in Cockpit", ReturnCaseProcess.KEY, true),
            links.cockpit("退换货实例 · Return cases in Cockpit", ReturnCaseProcess.KEY, false)));
  }

  @Override
  List<List<Object>> rows(Object figures) {
    MoneyView v = (MoneyView) figures;
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("指标 · Figure", "数量 · Count", "金额 · Amount"));
    rows.add(List.of("今日已退款 · Refunds paid today", v.paidToday().count(), v.paidToday().sum()));
    rows.add(List.of("大促期间已退款 · Refunds paid during the sale", v.paidInSale().count(), v.paidInSale().sum()));
    rows.add(List.of("待二次审批 · Waiting for a second approval", v.awaitingSecondApproval().count(),
        v.awaitingSecondApproval().sum()));
    rows.add(List.of("超出订单上限被拒 · Refused by an order's ceiling", v.ceilingRefusals(), ""));
    rows.add(List.of("退款去向变更申请 · Destination changes requested", v.destinationChanges().requested(), ""));
    rows.add(List.of("退款去向变更已批准 · Destination changes approved", v.destinationChanges().approved(), ""));
    rows.add(List.of("退款中 · In REFUNDING", v.refunding().count(), v.refunding().sum()));
    rows.add(List.of("退款事故 · Refund incidents", v.refundIncidents(), ""));
    rows.add(List.of("大促订单 · The sale's paid orders", v.refundRate().orders(), v.refundRate().paid()));
    rows.add(List.of("其中有退款 · Of them refunded", v.refundRate().refundedOrders(), v.refundRate().refunded()));
    return rows;
  }
}
