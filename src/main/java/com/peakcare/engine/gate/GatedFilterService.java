package com.peakcare.engine.gate;

import java.util.List;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * The engine's filter service with {@link QueryExpressions}' rules: a request's extending query (Tasklist sends one
 * with every list) carries no expression, a filter a person saves or runs carries only the listed functions.
 */
class GatedFilterService extends FilterServiceImpl {

  private final EngineGate gate;

  GatedFilterService(EngineGate gate) {
    this.gate = gate;
  }

  @Override
  public Filter saveFilter(Filter filter) {
    if (gate.actor().isPerson() && filter != null && filter.getQuery() != null) {
      QueryExpressions.refuseUnlisted(filter.getQuery());
      QueryLimits.refuseOversized(filter.getQuery());
    }
    return super.saveFilter(filter);
  }

  private void check(String filterId, Query<?, ?> extendingQuery) {
    if (extendingQuery != null) {
      QueryExpressions.refuseAny(extendingQuery);
      QueryLimits.refuseOversized(extendingQuery);
    }
    Filter stored = filterId == null ? null : super.getFilter(filterId);
    if (stored != null && stored.getQuery() != null) {
      QueryExpressions.refuseUnlisted(stored.getQuery());
    }
  }

  @Override
  public <T> List<T> list(String filterId) {
    check(filterId, null);
    return super.list(filterId);
  }

  @Override
  public <T, Q extends Query<?, T>> List<T> list(String filterId, Q extendingQuery) {
    check(filterId, extendingQuery);
    return super.list(filterId, extendingQuery);
  }

  @Override
  public <T> List<T> listPage(String filterId, int firstResult, int maxResults) {
    check(filterId, null);
    return super.listPage(filterId, firstResult, maxResults);
  }

  @Override
  public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult,
      int maxResults) {
    check(filterId, extendingQuery);
    return super.listPage(filterId, extendingQuery, firstResult, maxResults);
  }

  @Override
  public <T> T singleResult(String filterId) {
    check(filterId, null);
    return super.singleResult(filterId);
  }

  @Override
  public <T, Q extends Query<?, T>> T singleResult(String filterId, Q extendingQuery) {
    check(filterId, extendingQuery);
    return super.singleResult(filterId, extendingQuery);
  }

  @Override
  public Long count(String filterId) {
    check(filterId, null);
    return super.count(filterId);
  }

  @Override
  public Long count(String filterId, Query<?, ?> extendingQuery) {
    check(filterId, extendingQuery);
    return super.count(filterId, extendingQuery);
  }
}
