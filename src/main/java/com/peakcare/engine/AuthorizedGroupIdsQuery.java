package com.peakcare.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Points Camunda's statement {@code selectAuthorizedGroupIds} at PeakCare's loose index scan
 * ({@code authorized-group-ids.xml}). Camunda runs that statement once for every command run as a user (every REST
 * call and Tasklist request) to learn which groups have any authorization; its own version scans the whole
 * {@code ACT_RU_AUTHORIZATION} table, which grows by a row or two per open task. Same result, read from the index.
 * {@code peakcare.engine.authorized-groups-index-scan=false} restores Camunda's statement (for the benchmark's
 * before/after).
 */
@Component
@ConditionalOnProperty(name = "peakcare.engine.authorized-groups-index-scan", havingValue = "true",
    matchIfMissing = true)
class AuthorizedGroupIdsQuery extends AbstractProcessEnginePlugin {

  static final String CAMUNDA_STATEMENT = "selectAuthorizedGroupIds";
  static final String PEAKCARE_STATEMENT = "selectAuthorizedGroupIds_peakcare";
  private static final String MAPPER = "com/peakcare/engine/authorized-group-ids.xml";

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (!mybatis.hasStatement(PEAKCARE_STATEMENT, false)) {
        try (InputStream mapper = AuthorizedGroupIdsQuery.class.getClassLoader().getResourceAsStream(MAPPER)) {
          if (mapper == null) {
            throw new IllegalStateException(MAPPER + " is missing from the classpath");
          }
          new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    DbSqlSessionFactory statements = engine.getDbSqlSessionFactory();
    Map<String, String> mappings = statements.getStatementMappings() == null
        ? new HashMap<>() : new HashMap<>(statements.getStatementMappings());
    mappings.put(CAMUNDA_STATEMENT, PEAKCARE_STATEMENT);
    statements.setStatementMappings(mappings);
  }
}
