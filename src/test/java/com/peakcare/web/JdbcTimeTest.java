package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The one JDBC time helper: UTC both ways, null stays null, the shop's day in the shop's zone. */
class JdbcTimeTest {

  private static final Instant LATE_EVENING_UTC = Instant.parse("2026-11-10T17:30:00Z");

  @Test
  void bindsAnInstantAsUtcAndNullAsNull() {
    OffsetDateTime bound = JdbcTime.utc(LATE_EVENING_UTC);
    assertThat(bound.getOffset()).isEqualTo(ZoneOffset.UTC);
    assertThat(bound.toInstant()).isEqualTo(LATE_EVENING_UTC);
    assertThat(JdbcTime.utc(null)).isNull();
  }

  @Test
  void readsTheInstantWhateverOffsetTheDriverGives() throws Exception {
    ResultSet rs = mock(ResultSet.class);
    when(rs.getObject("AT", OffsetDateTime.class))
        .thenReturn(LATE_EVENING_UTC.atOffset(ZoneOffset.ofHours(8)));
    when(rs.getObject(2, OffsetDateTime.class)).thenReturn(LATE_EVENING_UTC.atOffset(ZoneOffset.ofHours(-5)));
    assertThat(JdbcTime.instant(rs, "AT")).isEqualTo(LATE_EVENING_UTC);
    assertThat(JdbcTime.instant(rs, 2)).isEqualTo(LATE_EVENING_UTC);
    assertThat(JdbcTime.instant(rs, "NOTHING")).isNull();
    assertThat(JdbcTime.instant(rs, 3)).isNull();
  }

  @Test
  void theShopsDayIsTheDayInItsZoneNotInUtc() {
    assertThat(JdbcTime.shopDay(LATE_EVENING_UTC, ZoneId.of("Asia/Shanghai"))).isEqualTo(LocalDate.of(2026, 11, 11));
    assertThat(JdbcTime.shopDay(LATE_EVENING_UTC, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 11, 10));
    assertThat(JdbcTime.shopDay(null, ZoneOffset.UTC)).isNull();
  }
}
