package com.peakcare.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's short shared cache (issue 25): 8 supervisors asking at once cost one computation, a second ask
 * within the TTL none, after it one; tiles and windows are kept apart; a failure is not kept.
 */
class TileCacheTest {

  static final Instant DAY = Instant.parse("2031-11-10T16:00:00Z");
  static final TileCache.Key RETURNS = new TileCache.Key(Tile.RETURNS, DAY, DAY, DAY.plusSeconds(86_400));

  final AtomicLong nanos = new AtomicLong();
  final TileCache cache = new TileCache(Duration.ofSeconds(5), nanos::get);

  @Test
  void eightSupervisorsAskingAtOnceCostOneComputation() throws Exception {
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch asked = new CountDownLatch(8);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Object>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(pool.submit(() -> {
        asked.countDown();
        return cache.get(RETURNS, () -> {
          computed.incrementAndGet();
          await(release); // the computation takes a while: the others arrive meanwhile
          return "figures";
        });
      }));
    }
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // all eight inside get(): one computing, seven waiting for it
    release.countDown();
    for (Future<Object> a : answers) {
      assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("figures");
    }
    pool.shutdown();
    assertThat(computed.get()).isEqualTo(1);
    assertThat(cache.computations()).isEqualTo(1);
  }

  @Test
  void anAnswerIsKeptForTheTtlThenCountedAgain() {
    AtomicInteger computed = new AtomicInteger();
    assertThat(cache.get(RETURNS, computed::incrementAndGet)).isEqualTo(1);
    nanos.addAndGet(Duration.ofMillis(4_900).toNanos());
    assertThat(cache.get(RETURNS, computed::incrementAndGet)).as("4.9 s later: the kept answer").isEqualTo(1);
    nanos.addAndGet(Duration.ofMillis(200).toNanos());
    assertThat(cache.get(RETURNS, computed::incrementAndGet)).as("5.1 s later: counted again").isEqualTo(2);
  }

  @Test
  void tilesAndWindowsAreKeptApart() {
    assertThat(cache.get(RETURNS, () -> "returns")).isEqualTo("returns");
    assertThat(cache.get(new TileCache.Key(Tile.MONEY, DAY, DAY, DAY.plusSeconds(86_400)), () -> "money"))
        .isEqualTo("money");
    assertThat(cache.get(new TileCache.Key(Tile.RETURNS, DAY, DAY.minusSeconds(86_400), DAY.plusSeconds(86_400)),
        () -> "two days")).isEqualTo("two days");
    assertThat(cache.get(new TileCache.Key(Tile.RETURNS, DAY.plusSeconds(86_400), DAY, DAY.plusSeconds(86_400)),
        () -> "next day")).as("the shop's day is part of the key (paid today)").isEqualTo("next day");
    assertThat(cache.get(RETURNS, () -> "again")).isEqualTo("returns");
  }

  @Test
  void aFailureIsNotKept() {
    assertThatThrownBy(() -> cache.get(RETURNS, () -> {
      throw new IllegalStateException("database away");
    })).hasMessage("database away");
    assertThat(cache.get(RETURNS, () -> "figures")).isEqualTo("figures");
  }

  @Test
  void withoutATtlOnlyAComputationUnderWayIsShared() {
    TileCache none = new TileCache(Duration.ZERO, nanos::get);
    AtomicInteger computed = new AtomicInteger();
    none.get(RETURNS, computed::incrementAndGet);
    none.get(RETURNS, computed::incrementAndGet);
    assertThat(computed.get()).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
