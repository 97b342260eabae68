package com.peakcare.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareApplication;
import com.peakcare.pages.Pages;
import com.peakcare.pages.Viewer;
import com.peakcare.support.PostgresDatabase;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.peakcare.order.OrderFigureKeeper;
import com.peakcare.returns.ReturnFigureKeeper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard's statements on the real PostgreSQL server, production profile (its hour buckets, booleans, sums and
 * the indexes of changelog 092): the known night's figures of every tile, as on H2.
 */
@Tag("own-jvm")
class DashboardPostgresTest {

  @Test
  void everyTileCountsTheKnownNightOnPostgres() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.demo=true")) {
      app.getBean(ShopTime.class).clock(Clock.fixed(KnownNight.NOW, ZoneOffset.UTC));
      KnownNight night = new KnownNight(app.getBean(JdbcTemplate.class), app.getBean(ReturnFigureKeeper.class),
          app.getBean(OrderFigureKeeper.class));
      night.returns();
      night.money();
      night.promises();
      night.notices();
      night.campaigns();
      Pages pages = app.getBean(Pages.class);
      Viewer auditor = new Viewer("auditor1", Set.of("auditors"));
      Map<String, String> sale = Map.of("saleFrom", "2031-11-10", "saleTo", "2031-11-11");

      ReturnsTile.ReturnsView r = (ReturnsTile.ReturnsView) pages.read("dashboard/returns", auditor, sale);
      assertThat(r.open()).isEqualTo(9);
      assertThat(r.overdue()).isEqualTo(new ReturnsTile.Overdue(3, 2));
      assertThat(r.byAgent()).filteredOn(a -> night.agentA.equals(a.agent())).singleElement()
          .satisfies(a -> assertThat(a.load()).isEqualTo(4));
      assertThat(r.openedPerHour()).hasSize(48);
      assertThat(r.openedPerHour().get(24 + 20)).satisfies(h -> {
        assertThat(h.hour()).isEqualTo("2031-11-11 20:00");
        assertThat(h.autoApproved()).isEqualTo(4);
        assertThat(h.manualReview()).isEqualTo(2);
      });
      assertThat(r.openedPerHour().get(12).total()).as("R11, 2031-11-10 12:00").isEqualTo(1);

      MoneyTile.MoneyView m = (MoneyTile.MoneyView) pages.read("dashboard/money", auditor, sale);
      // the night's refunds and the refunds of its refund-care promises (P1–P3 today, P6 the day before: 10.00 each)
      assertThat(m.paidToday().count()).isEqualTo(2 + 3);
      assertThat(m.paidToday().sum()).isEqualByComparingTo("180.50");
      assertThat(m.paidInSale().sum()).isEqualByComparingTo("210.50");
      assertThat(m.awaitingSecondApproval().sum()).isEqualByComparingTo("500.00");
      assertThat(m.ceilingRefusals()).isEqualTo(2);
      assertThat(m.destinationChanges().requested()).isEqualTo(3);
      assertThat(m.refundIncidents()).isEqualTo(1);
      assertThat(m.refundRate().ordersRate()).isEqualTo(0.25);
      assertThat(m.refundRate().moneyRate()).isEqualTo(0.15);

      PromisesTile.PromisesView p = (PromisesTile.PromisesView) pages.read("dashboard/promises", auditor, Map.of());
      assertThat(p.today()).filteredOn(t -> t.kind().equals("refund-care")).singleElement().satisfies(t -> {
        assertThat(t.due()).isEqualTo(5);
        assertThat(t.kept()).isEqualTo(2);
        assertThat(t.late()).isEqualTo(2);
        assertThat(t.apologised()).isEqualTo(2);
        assertThat(t.open()).isEqualTo(1);
      });

      NoticesTile.NoticesView n = (NoticesTile.NoticesView) pages.read("dashboard/notices", auditor, Map.of());
      assertThat(n.lastHour()).contains(new NoticesTile.Row("REFUND_CARE", "EMAIL", 2, 1, 1, 0),
          new NoticesTile.Row("SHIPPING", "IN_APP", 1, 0, 0, 1));
      assertThat(n.backlog().waiting()).isEqualTo(2);
      assertThat(n.broadcasts()).singleElement().satisfies(b -> assertThat(b.done()).isEqualTo(2));

      CampaignsTile.CampaignsView c = (CampaignsTile.CampaignsView) pages.read("dashboard/campaigns", auditor,
          Map.of());
      assertThat(c.campaigns()).filteredOn(x -> x.code().equals(night.checkingCampaign)).singleElement()
          .satisfies(x -> assertThat(x.overdueChecks()).isEqualTo(2));
      assertThat(c.campaigns()).filteredOn(x -> x.code().equals(night.liveCampaign)).singleElement()
          .satisfies(x -> {
            assertThat(x.confirmedErrors()).isEqualTo(2);
            assertThat(x.finesAmount()).isEqualByComparingTo("200.00");
            assertThat(x.briefing().notYet()).isPositive();
          });
    }
  }
}
