package com.peakcare.engine;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A node that is stopped (SIGTERM, an upgrade, a scale-down) lets the jobs it is running finish before anything
 * closes, so it never leaves a half-done side effect for another node to repeat.
 *
 * <p>Without this, Spring destroys the job executor's thread pool with {@code shutdownNow()}, which interrupts the
 * running jobs: TwoNodeClusterTest caught a notice whose SMS had reached the gateway when the interrupt came; the
 * node recorded it as failed and the other node sent it again (the gateway drops the repeat by its Idempotency-Key,
 * but a second request went out). Here, while the context is still whole (database pool open), job acquisition
 * stops and the pool gets up to {@link #WAIT} to finish the jobs it holds: the running ones and those acquired
 * and queued. What does not finish in time is interrupted as before, and jobs still locked are run by another node
 * when their lock expires.
 */
@Component
class JobExecutorShutdown implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobExecutorShutdown.class);

  /** Longer than the slowest job (a notice over SMS and e-mail: about 30 s at worst, see application.yaml). */
  static final Duration WAIT = Duration.ofSeconds(40);

  /** The Camunda starter's job thread pool. */
  private static final String TASK_EXECUTOR = "camundaTaskExecutor";

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final BeanFactory beans;
  private volatile boolean running;

  JobExecutorShutdown(ObjectProvider<JobExecutor> jobExecutor, BeanFactory beans) {
    this.jobExecutor = jobExecutor;
    this.beans = beans;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    JobExecutor executor = jobExecutor.getIfAvailable();
    if (executor != null) {
      executor.shutdown(); // no new acquisitions; idempotent, the engine calls it again when it closes
    }
    if (!beans.containsBean(TASK_EXECUTOR) || !(beans.getBean(TASK_EXECUTOR) instanceof ThreadPoolTaskExecutor pool)) {
      return;
    }
    ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
    threads.shutdown(); // the queued jobs still run: this node has them locked
    try {
      if (!threads.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("jobs still running after {} s; they are interrupted, and run again on another node when their"
            + " lock expires", WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the web server (requests in flight may still create jobs), before any bean is destroyed. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 4096;
  }
}
