package com.peakcare.returns;

import com.peakcare.order.Order;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read once (issue 23 point 3, CONVENTIONS.md): the case records a transaction has loaded, each with its request and
 * facts parsed at most once ({@link CaseRow#request()}), held until the transaction ends. Opening a case read its
 * {@code PC_RETURN_CASE} row about 8 times and parsed its request 4 times in one transaction (the steps, the task
 * assignment and title, the notice), and creating an agent task read it twice.
 *
 * <p>{@link ReturnCaseRepository} is the only reader and writer: it keeps what it writes here (the row it inserts,
 * the columns it updates applied to the held row) or forgets the row when a write is not mirrored, so a step that
 * reads after another step wrote sees what was written, as a new select would. Outside a transaction nothing is
 * held. An inner transaction of its own ({@code REQUIRES_NEW}) holds its own rows.
 *
 * <p>Besides the rows (issue 23, the open's lean path), a transaction holds:
 * <ul>
 *   <li>which cases it inserted (opened): no other transaction sees such a row before this one ends, so the held row
 *       is the row, and the kept figures need not select it {@code for update} ({@link ReturnFigureLedger#lock}); its
 *       timeline as written, so that the open's answer is built in its transaction ({@link ReturnCases#open});</li>
 *   <li>the orders its notices and task cards read ({@link ReturnNoticeFacts}): the customer's contact, province and
 *       payment method as this transaction first saw them (an open holds the order it was checked against); a new
 *       snapshot of the order registered in the same transaction forgets it ({@link OrderUpdates});</li>
 *   <li>the refund promises it made ({@link RefundCare#promise}), so that the refund-care step and notice of the same
 *       transaction need not select them again.</li>
 * </ul>
 */
final class LoadedCases {

  private static final Object KEY = new Object();

  /** What one transaction holds. */
  private static final class Held {
    final Map<String, Optional<CaseRow>> rows = new HashMap<>();
    final Set<String> inserted = new HashSet<>();
    final Map<String, List<ReturnCaseRepository.EventRow>> events = new HashMap<>();
    final Map<String, Optional<Order>> orders = new HashMap<>();
    final Map<String, RefundCare.RefundPromise> promises = new HashMap<>();
  }

  private LoadedCases() {}

  /** The held row, or {@code loader}'s (held from now on); without a transaction, {@code loader}'s alone. */
  static Optional<CaseRow> find(String returnNo, Function<String, Optional<CaseRow>> loader) {
    return heldOr(held -> held.rows, returnNo, loader);
  }

  /** What {@code which} of the held things holds for {@code key}, or {@code loader}'s (held from now on). */
  private static <T> Optional<T> heldOr(Function<Held, Map<String, Optional<T>>> which, String key,
      Function<String, Optional<T>> loader) {
    Held held = held(true);
    if (held == null || key == null) {
      return loader.apply(key);
    }
    Map<String, Optional<T>> things = which.apply(held);
    Optional<T> thing = things.get(key);
    if (thing == null) {
      thing = loader.apply(key);
      things.put(key, thing);
    }
    return thing;
  }

  /** The row as this transaction wrote it (an insert): held, and known to be new in this transaction. */
  static void keep(CaseRow row) {
    Held held = held(true);
    if (held != null) {
      held.rows.put(row.returnNo(), Optional.of(row));
      held.inserted.add(row.returnNo());
    }
  }

  /**
   * A timeline event this transaction wrote: kept for a case it opened (whose whole timeline it wrote, in order), so
   * that the open's answer need not select it back.
   */
  static void event(String returnNo, ReturnCaseRepository.EventRow event) {
    Held held = held(false);
    if (held != null && held.inserted.contains(returnNo)) {
      held.events.computeIfAbsent(returnNo, k -> new ArrayList<>()).add(event);
    }
  }

  /** The timeline of a case this transaction opened, as it wrote it (null: not opened here, select it). */
  static List<ReturnCaseRepository.EventRow> events(String returnNo) {
    Held held = held(false);
    if (held == null || !held.inserted.contains(returnNo)) {
      return null;
    }
    return held.events.getOrDefault(returnNo, List.of());
  }

  /** Whether this transaction inserted the case (opened it). */
  static boolean inserted(String returnNo) {
    Held held = held(false);
    return held != null && held.inserted.contains(returnNo);
  }

  /** An update of one row, mirrored on the held row (if any). */
  static void update(String returnNo, UnaryOperator<CaseRow> change) {
    Held held = held(false);
    if (held != null) {
      Optional<CaseRow> row = held.rows.get(returnNo);
      if (row != null && row.isPresent()) {
        held.rows.put(returnNo, Optional.of(change.apply(row.get())));
      } else {
        held.rows.remove(returnNo);
      }
    }
  }

  /** A write not mirrored here: the next read selects the row again. */
  static void forget(String returnNo) {
    Held held = held(false);
    if (held != null) {
      held.rows.remove(returnNo);
    }
  }

  /** A write of several rows (an order's new snapshot reaching its cases): rows and orders are read again. */
  static void forgetAll() {
    Held held = held(false);
    if (held != null) {
      held.rows.clear();
      held.orders.clear();
    }
  }

  /**
   * The row, if this transaction inserted it and holds it as written: no other transaction sees it, let alone changes
   * it, before this one ends. (A row read and then selected {@code for update} is not such a row: another transaction
   * may have changed it between the two.)
   */
  static Optional<CaseRow> insertedRow(String returnNo) {
    Held held = held(false);
    if (held == null || !held.inserted.contains(returnNo)) {
      return Optional.empty();
    }
    return held.rows.getOrDefault(returnNo, Optional.empty());
  }

  /** The order as this transaction first read it (its contact, for notices and cards), or {@code loader}'s. */
  static Optional<Order> order(String orderNo, Function<String, Optional<Order>> loader) {
    return heldOr(held -> held.orders, orderNo, loader);
  }

  /** The order this transaction has just read (an open, checked against it). */
  static void keepOrder(Order order) {
    Held held = held(true);
    if (held != null) {
      held.orders.put(order.orderNo(), Optional.of(order));
    }
  }

  /** A new snapshot of the order: read it again. */
  static void forgetOrder(String orderNo) {
    Held held = held(false);
    if (held != null) {
      held.orders.remove(orderNo);
    }
  }

  /** The promise this transaction made for the return, if it made one (null: not held, select it). */
  static RefundCare.RefundPromise promise(String returnNo) {
    Held held = held(false);
    return held == null ? null : held.promises.get(returnNo);
  }

  /** The promise as this transaction wrote it. */
  static void keepPromise(RefundCare.RefundPromise promise) {
    Held held = held(true);
    if (held != null) {
      held.promises.put(promise.returnNo(), promise);
    }
  }

  /** A write of the promise or of the refund it reads (PC_REFUND): the next read selects it again. */
  static void forgetPromise(String returnNo) {
    Held held = held(false);
    if (held != null) {
      held.promises.remove(returnNo);
    }
  }

  private static Held held(boolean create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Held held = (Held) TransactionSynchronizationManager.getResource(KEY);
    if (held == null && create) {
      Held fresh = new Held();
      TransactionSynchronizationManager.bindResource(KEY, fresh);
      TransactionSynchronizationManager.registerSynchronization(new Release(fresh));
      held = fresh;
    }
    return held;
  }

  /** Lets the rows go when the transaction ends, and steps aside while an inner transaction of its own runs. */
  private record Release(Held held) implements TransactionSynchronization {
    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(KEY, held);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
    }
  }
}
