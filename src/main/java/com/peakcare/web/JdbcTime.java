package com.peakcare.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Instants to and from PeakCare's {@code TIMESTAMP WITH TIME ZONE} columns, one way for every repository (issue 23
 * item 6). An instant is bound as an {@link OffsetDateTime} in UTC and read back as one: the driver (PostgreSQL, H2)
 * never applies the JVM's default zone, and {@code java.sql.Timestamp} (which does, for a column without a zone) is
 * not needed. A null stays null both ways. The shop's calendar day of an instant is {@link #shopDay}, in the zone the
 * caller's settings name ({@code peakcare.webapps.time-zone} and its feature-specific overrides).
 */
public final class JdbcTime {

  private JdbcTime() {}

  /** The value to bind for an instant (null for null). */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The instant in a column, by name (null for SQL NULL). */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The instant in a column, by position counting from 1 (null for SQL NULL). */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The shop's calendar day of an instant (null for null). */
  public static LocalDate shopDay(Instant instant, ZoneId shopZone) {
    return instant == null ? null : instant.atZone(shopZone).toLocalDate();
  }
}
