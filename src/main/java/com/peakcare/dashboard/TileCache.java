package com.peakcare.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A tile's figures shared for a few seconds (issue 25, scale): 8 supervisors refreshing the same tile within
 * {@code peakcare.dashboard.cache-ttl} (5 s) cost one computation, and when they ask at the same moment the first
 * computes while the others wait for its answer (single flight), instead of 8 computations side by side on the
 * database. The key is the tile and its window (the shop's day, the sale), never the person: the cache sits behind
 * {@link DashboardAccess}, so whoever may not read a tile is refused before it is asked, and the figures of a tile are
 * the same for every reader. The answer's {@code asOf} says when the figures were counted. A failed computation is
 * not kept: the next reader tries again.
 */
@Component
class TileCache {

  record Key(Tile tile, Instant today, Instant saleFrom, Instant saleTo) {

    static Key of(Tile tile, ShopTime.Window w) {
      return new Key(tile, w.todayFrom(), w.saleFrom(), w.saleTo());
    }
  }

  private record Entry(CompletableFuture<Object> answer, long[] doneAt) {}

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final LongAdder computations = new LongAdder();

  @Autowired
  TileCache(@Value("${peakcare.dashboard.cache-ttl:PT5S}") Duration ttl) {
    this(ttl, System::nanoTime);
  }

  TileCache(Duration ttl, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The figures under this key: kept ones younger than the TTL, the ones being computed, or computed now. */
  Object get(Key key, Supplier<?> compute) {
    while (true) {
      Entry entry = entries.get(key);
      if (entry != null && (!entry.answer().isDone() || fresh(entry))) {
        return join(entry.answer());
      }
      Entry mine = new Entry(new CompletableFuture<>(), new long[1]);
      boolean won = entry == null ? entries.putIfAbsent(key, mine) == null : entries.replace(key, entry, mine);
      if (!won) {
        continue; // another reader started a computation meanwhile: wait for that one
      }
      try {
        computations.increment();
        Object figures = compute.get();
        mine.doneAt()[0] = nanoTime.getAsLong();
        mine.answer().complete(figures);
        return figures;
      } catch (RuntimeException | Error e) {
        entries.remove(key, mine);
        mine.answer().completeExceptionally(e);
        throw e;
      }
    }
  }

  /** How many computations ran since start (a figure for tests). */
  long computations() {
    return computations.sum();
  }

  private boolean fresh(Entry entry) {
    return !entry.answer().isCompletedExceptionally() && nanoTime.getAsLong() - entry.doneAt()[0] < ttlNanos;
  }

  private static Object join(CompletableFuture<Object> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
