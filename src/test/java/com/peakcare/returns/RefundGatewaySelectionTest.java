package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@code peakcare.refund.gateway} picks the one refund gateway, in a bare context of the gateway beans only. */
class RefundGatewaySelectionTest {

  @Configuration
  @EnableConfigurationProperties(RefundProperties.class)
  @Import({RefundLedger.class, RecordingRefundGateway.class, HttpRefundGateway.class})
  static class Gateways {}

  final ApplicationContextRunner context = new ApplicationContextRunner()
      .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()))
      .withBean(ObjectMapper.class, ObjectMapper::new)
      .withUserConfiguration(Gateways.class);

  @Test
  void recordingUnlessConfigured() {
    context.run(app -> assertThat(app).getBean(RefundGateway.class).isInstanceOf(RecordingRefundGateway.class));
  }

  @Test
  void httpWhenConfiguredWithUrlAndCredentials() {
    context.withPropertyValues("peakcare.refund.gateway=http",
            "peakcare.refund.http.url=https://pay.example/v1/refunds", "peakcare.refund.http.api-key=k")
        .run(app -> assertThat(app).getBean(RefundGateway.class).isInstanceOf(HttpRefundGateway.class));
  }

  @Test
  void httpWithoutItsUrlDoesNotStart() {
    context.withPropertyValues("peakcare.refund.gateway=http", "peakcare.refund.http.api-key=k")
        .run(app -> assertThat(app).hasFailed().getFailure()
            .hasRootCauseMessage("peakcare.refund.gateway is http, but peakcare.refund.http.url is not set"
                + " (PEAKCARE_REFUND_URL)"));
  }

  @Test
  void anUnknownGatewayDoesNotStart() {
    context.withPropertyValues("peakcare.refund.gateway=htpp")
        .run(app -> assertThat(app).hasFailed().getFailure().hasStackTraceContaining("peakcare.refund.gateway"));
  }
}
