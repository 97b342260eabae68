package com.peakcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The login throttle's arithmetic on a clock the test moves (issue 20: the account's ceiling beside the pair's). */
class LoginThrottleTest {

  /** A clock that stands still until moved. */
  static final class Hands extends Clock {
    Instant now = Instant.parse("2026-11-11T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void move(Duration d) {
      now = now.plus(d);
    }
  }

  final Hands clock = new Hands();
  final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(60), clock);

  @Test
  void aPairWaitsAfterItsFreeFailures() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("shop1", "10.0.0.1");
    }
    assertThat(throttle.waitFor("shop1", "10.0.0.1")).isEmpty();
    throttle.failed("shop1", "10.0.0.1");
    assertThat(throttle.waitFor("shop1", "10.0.0.1")).hasValue(Duration.ofSeconds(1));
    assertThat(throttle.waitFor("shop1", "10.0.0.2")).as("another address").isEmpty();
  }

  @Test
  void theAccountWaitsWhateverTheSourceButNotWhereItsOwnerLoggedIn() {
    throttle.succeeded("shop1", "10.9.9.9"); // the owner's address
    for (int i = 1; i <= 20; i++) {
      throttle.failed("shop1", "203.0.113." + i);
    }
    assertThat(throttle.waitFor("shop1", "198.51.100.1")).as("20 free failures, whatever the sources").isEmpty();
    throttle.failed("shop1", "203.0.113.21");
    assertThat(throttle.waitFor("shop1", "198.51.100.1")).as("a new address").hasValue(Duration.ofSeconds(1));
    assertThat(throttle.waitFor("shop1", "10.9.9.9")).as("the owner's address").isEmpty();
    assertThat(throttle.waitFor("agent1", "198.51.100.1")).as("another account").isEmpty();

    // every further failure doubles the wait, up to max-delay: about one guess a minute, however many addresses
    for (int i = 22; i <= 40; i++) {
      clock.move(Duration.ofSeconds(61));
      throttle.failed("shop1", "203.0.113." + i);
    }
    assertThat(throttle.waitFor("shop1", "198.51.100.2")).hasValue(Duration.ofSeconds(60));
    // and it ends at most max-delay after the last guess
    clock.move(Duration.ofSeconds(60));
    assertThat(throttle.waitFor("shop1", "198.51.100.2")).isEmpty();
  }
}
