package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 */
final class LoadedCases {

  private static final Object KEY = new Object();

  private LoadedCases() {}

  /** The held row, or {@code loader}'s (held from now on); without a transaction, {@code loader}'s alone. */
  static Optional<CaseRow> find(String returnNo, Function<String, Optional<CaseRow>> loader) {
    Map<String, Optional<CaseRow>> held = held(true);
    if (held == null || returnNo == null) {
      return loader.apply(returnNo);
    }
    Optional<CaseRow> row = held.get(returnNo);
    if (row == null) {
      row = loader.apply(returnNo);
      held.put(returnNo, row);
    }
    return row;
  }

  /** The row as this transaction wrote it (an insert). */
  static void keep(CaseRow row) {
    Map<String, Optional<CaseRow>> held = held(true);
    if (held != null) {
      held.put(row.returnNo(), Optional.of(row));
    }
  }

  /** An update of one row, mirrored on the held row (if any). */
  static void update(String returnNo, UnaryOperator<CaseRow> change) {
    Map<String, Optional<CaseRow>> held = held(false);
    if (held != null) {
      Optional<CaseRow> row = held.get(returnNo);
      if (row != null && row.isPresent()) {
        held.put(returnNo, Optional.of(change.apply(row.get())));
      } else {
        held.remove(returnNo);
      }
    }
  }

  /** A write not mirrored here: the next read selects the row again. */
  static void forget(String returnNo) {
    Map<String, Optional<CaseRow>> held = held(false);
    if (held != null) {
      held.remove(returnNo);
    }
  }

  /** A write of several rows. */
  static void forgetAll() {
    Map<String, Optional<CaseRow>> held = held(false);
    if (held != null) {
      held.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Optional<CaseRow>> held(boolean create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Map<String, Optional<CaseRow>> held = (Map<String, Optional<CaseRow>>) TransactionSynchronizationManager
        .getResource(KEY);
    if (held == null && create) {
      Map<String, Optional<CaseRow>> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(KEY, fresh);
      TransactionSynchronizationManager.registerSynchronization(new Release(fresh));
      held = fresh;
    }
    return held;
  }

  /** Lets the rows go when the transaction ends, and steps aside while an inner transaction of its own runs. */
  private record Release(Map<String, Optional<CaseRow>> held) implements TransactionSynchronization {
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
