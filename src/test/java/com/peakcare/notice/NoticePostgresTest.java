package com.peakcare.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareApplication;
import com.peakcare.support.PostgresDatabase;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The notice outbox and refund care on the real PostgreSQL server, production profile (no gateways: in-app only). */
@Tag("own-jvm")
class NoticePostgresTest {

  @Test
  void theOutboxWorksOnPostgres() {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.admin.user=boss", "--peakcare.admin.password=Peak-Care-2026!")) {
      NoticeService notices = app.getBean(NoticeService.class);
      NoticeCustomer customer = new NoticeCustomer("张伟", "+8613900000000", null, "zh-CN", "北京市");

      Map<String, Object> reminder = Map.of(NoticeVariables.RETURN_NO, "R-PG-1", NoticeVariables.ORDER_NO, "O-1");
      notices.send("R-PG-1", NoticeType.PARCEL_REMINDER, customer, reminder);
      notices.send("R-PG-1", NoticeType.PARCEL_REMINDER, customer, reminder);
      Map<String, Object> delay = Map.of(NoticeVariables.COURIER, "韵达快递", NoticeVariables.WAYBILL_NO, "YD1",
          NoticeVariables.EXPECTED_DELAY_DAYS, 2, NoticeVariables.DELAY_REASON, "暴雪");
      notices.sendOnce("R-PG-1", NoticeType.LOGISTICS_DELAY, "b-1", customer, delay);
      notices.sendOnce("R-PG-1", NoticeType.LOGISTICS_DELAY, "b-1", customer, delay);

      assertThat(notices.noticesOf("R-PG-1")).extracting(Notice::key).containsExactly(
          "R-PG-1:PARCEL_REMINDER:1", "R-PG-1:PARCEL_REMINDER:2", "R-PG-1:LOGISTICS_DELAY:1");
      assertThat(notices.noticesOf("R-PG-1")).allSatisfy(n -> assertThat(n.deliveries())
          .singleElement().satisfies(d -> assertThat(d.channel() + " " + d.status()).isEqualTo("IN_APP SENT")));
      assertThat(app.getBean(RuntimeService.class).createProcessInstanceQuery()
          .processDefinitionKey(NoticeDeliveryProcess.KEY).count()).as("in-app only: nothing to deliver").isZero();
    }
  }
}
