package com.peakcare.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test class, on the real server (127.0.0.1:5432 unless
 * {@code PEAKCARE_TEST_PG_HOST}/{@code PEAKCARE_TEST_PG_PORT} say otherwise). When the server is unreachable the
 * test fails in CI ({@code CI=true} or {@code PEAKCARE_REQUIRE_POSTGRES=true}) and is skipped, with a message
 * saying why, on a developer's machine without PostgreSQL.
 */
public final class PostgresDatabase implements AutoCloseable {

  private static final String HOST = env("PEAKCARE_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("PEAKCARE_TEST_PG_PORT", "5432");
  private static final String USER = env("PEAKCARE_TEST_PG_USER", "postgres");
  private static final String PREFIX = env("PEAKCARE_TEST_DB_PREFIX", "peakcare_test");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  public static PostgresDatabase create() {
    String name = PREFIX + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      String message = "PostgreSQL not reachable at " + HOST + ":" + PORT + " as " + USER + ": " + e.getMessage();
      if (required()) {
        Assertions.fail(message + " (required here: CI=true or PEAKCARE_REQUIRE_POSTGRES=true)");
      }
      Assumptions.abort(message + "; PostgreSQL tests skipped on this machine (CI runs them)");
    }
    return new PostgresDatabase(name);
  }

  public String url() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  public String user() {
    return USER;
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      // leaving a test database behind is untidy, not wrong: the name says what it was
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
  }

  private static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("CI"))
        || "true".equalsIgnoreCase(System.getenv("PEAKCARE_REQUIRE_POSTGRES"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
