package com.peakcare.faults;

import com.peakcare.support.Http;
import com.peakcare.support.PostgresDatabase;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PeakCare node in its own operating-system process, as an operator runs one: {@code java -cp … 
 * com.peakcare.PeakCareApplication --spring.profiles.active=postgres …} on the test classpath, its own port, its
 * output in {@code target/faults/<name>.log}. It can be stopped as a crash stops it: {@link #kill()} is SIGKILL
 * ({@code Process.destroyForcibly}), so no shutdown hook, no graceful end of the job executor, no connection closed
 * politely: the database sees the sockets drop.
 */
final class PeakCareProcess implements AutoCloseable {

  static final Path DIR = Path.of("target", "faults");

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private PeakCareProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts the node; returns at once (see {@link #awaitUp}). */
  static PeakCareProcess start(String name, PostgresDatabase db, List<String> args) throws IOException {
    Files.createDirectories(DIR);
    int port = freePort();
    Path log = DIR.resolve(name + ".log");
    // the classpath goes in an argument file: a command line of a few hundred jar paths is long
    Path argFile = DIR.resolve(name + ".args");
    // without empty entries: an empty entry is the working directory, whose processes/ would be deployed twice
    String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).collect(java.util.stream.Collectors.joining(File.pathSeparator));
    Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms128m", "-Xmx384m",
        // two nodes start at once on two shared cores: the quick compiler alone starts them sooner
        "-XX:TieredStopAtLevel=1",
        "@" + argFile.toAbsolutePath(),
        "com.peakcare.PeakCareApplication",
        "--spring.profiles.active=postgres",
        "--server.port=" + port,
        "--spring.datasource.url=" + db.url(),
        "--spring.datasource.username=" + db.user(),
        "--spring.jmx.enabled=false",
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--peakcare.audit.key-file=" + DIR.resolve("audit-signing.key").toAbsolutePath()));
    command.addAll(args);
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File("."))
        .start();
    return new PeakCareProcess(name, port, process, log);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Http http() {
    return new Http(port);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits until {@code /actuator/health} answers 200; fails with the end of the node's log if it died. */
  void awaitUp(Duration limit) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " died while starting (exit " + process.exitValue() + "):\n" + tail(60));
      }
      try {
        HttpResponse<String> health = http().get("/actuator/health", null);
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " not up within " + limit.toSeconds() + " s:\n" + tail(60));
  }

  /** {@code kill -9}: the process ends at once, without shutdown hooks. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL");
    }
  }

  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Counts the lines of the node's log that contain the text. */
  long logLines(String text) {
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(text)).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(45, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
