package com.peakcare.cluster;

import com.peakcare.PeakCareApplication;
import com.peakcare.support.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PeakCare nodes in this JVM, as an operator runs them: the same application, profile {@code postgres}, the same
 * database, each on its own port with its own job executor. Each node names itself in Camunda's
 * {@code hostname} (recorded as {@code HOSTNAME_} in ACT_HI_JOB_LOG), so the history tells which node ran a job.
 */
final class ClusterNodes {

  /** A running node. */
  record Node(String name, ConfigurableApplicationContext context) {

    int port() {
      return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The job executor's lock owner: ACT_RU_JOB.LOCK_OWNER_ of the jobs this node has taken. */
    String lockOwner() {
      ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration();
      return config.getJobExecutor().getLockOwner();
    }
  }

  /**
   * Starts the nodes at the same moment and waits for all; any node that fails to start fails the call, after the
   * others were closed. Each node thread sets up Spring Boot's logging in turn (two threads initialising Logback
   * at once in one JVM fail with a ConcurrentModificationException, which separate processes never meet); then all
   * meet at a barrier just before the context refresh, where the database work (migration, deployment, bootstrap)
   * starts, and go on together.
   */
  static List<Node> startTogether(PostgresDatabase db, List<String> names, String... args) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(names.size());
    Semaphore loggingTurn = new Semaphore(1);
    ExecutorService threads = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<Node>> starting = new ArrayList<>();
      for (String name : names) {
        starting.add(threads.submit(() -> {
          if (!loggingTurn.tryAcquire(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + " never got its turn to set up logging");
          }
          ApplicationListener<ApplicationContextInitializedEvent> meet = event -> {
            loggingTurn.release();
            try {
              barrier.await(2, TimeUnit.MINUTES);
            } catch (Exception e) {
              throw new IllegalStateException(name + " did not meet the other nodes before refresh", e);
            }
          };
          return new Node(name, start(db, name, List.of(meet), args));
        }));
      }
      List<Node> nodes = new ArrayList<>();
      Exception failure = null;
      for (Future<Node> f : starting) {
        try {
          nodes.add(f.get(4, TimeUnit.MINUTES));
        } catch (Exception e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        nodes.forEach(n -> n.context().close());
        throw failure;
      }
      return nodes;
    } finally {
      threads.shutdownNow();
    }
  }

  static ConfigurableApplicationContext start(PostgresDatabase db, String name, String... args) {
    return start(db, name, List.of(), args);
  }

  private static ConfigurableApplicationContext start(PostgresDatabase db, String name,
      List<ApplicationListener<?>> listeners, String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + db.url(),
        "--spring.datasource.username=" + db.user(),
        "--spring.jmx.enabled=false",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        // the test tells which node ran which job from the job log (HOSTNAME_), so it keeps the log of the
        // successful jobs of the notice deliveries and the return case, which production leaves out
        // (peakcare.history.machinery, failed-job-log-only)
        "--peakcare.history.machinery=",
        "--peakcare.history.failed-job-log-only="));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(PeakCareApplication.class).profiles("postgres")
        .listeners(listeners.toArray(ApplicationListener[]::new))
        .run(all.toArray(String[]::new));
  }

  private ClusterNodes() {}
}
