package com.peakcare.cluster;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes nodes that start at the same moment on an EMPTY PostgreSQL database migrate one after the other.
 *
 * <p>Liquibase's own lock is a row in its table DATABASECHANGELOGLOCK, and that table does not exist yet on an
 * empty database: two nodes both create it, and one dies with {@code duplicate key value violates unique
 * constraint "pg_type_typname_nsp_index"} (seen in TwoNodeClusterTest before this class existed). So the migration
 * runs under a PostgreSQL session-level advisory lock, taken on a connection of its own before Liquibase gets its
 * connection and released when Liquibase closes it; the second node waits, then finds everything migrated. If a
 * node dies while migrating, its session ends and PostgreSQL releases the lock. Other databases (the embedded H2
 * file, one node) migrate as before.
 */
@Component
class MigrationLock implements BeanPostProcessor {

  /** The same number on every node: "PeakCare schema migration". */
  static final long KEY = 0x5045414B4D494752L; // "PEAKMIGR"

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof SpringLiquibase liquibase && liquibase.getDataSource() != null
        && !(liquibase.getDataSource() instanceof Locking)) {
      liquibase.setDataSource(new Locking(liquibase.getDataSource()));
    }
    return bean;
  }

  /** Hands out connections that hold the advisory lock until they are closed. */
  static final class Locking implements DataSource {

    private final DataSource target;

    Locking(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = target.getConnection();
      if (!isPostgres(connection)) {
        return connection;
      }
      Connection lock;
      try {
        lock = target.getConnection();
        lock.setAutoCommit(true);
        try (Statement s = lock.createStatement()) {
          s.execute("select pg_advisory_lock(" + KEY + ")");
        }
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
      return lockedUntilClosed(connection, lock);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the migration uses the application's own credentials");
    }

    private static Connection lockedUntilClosed(Connection connection, Connection lock) {
      AtomicBoolean closed = new AtomicBoolean();
      InvocationHandler handler = (proxy, method, args) -> {
        if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
          if (!closed.compareAndSet(false, true)) {
            return null; // Liquibase closes its database and then the connection: once is enough
          }
          try {
            connection.close();
          } finally {
            try (Statement s = lock.createStatement()) {
              s.execute("select pg_advisory_unlock_all()");
            } finally {
              lock.close();
            }
          }
          return null;
        }
        try {
          return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
          throw e.getTargetException();
        }
      };
      return (Connection) Proxy.newProxyInstance(MigrationLock.class.getClassLoader(),
          new Class<?>[] {Connection.class}, handler);
    }

    private static boolean isPostgres(Connection connection) throws SQLException {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(this) || target.isWrapperFor(iface);
    }
  }
}
