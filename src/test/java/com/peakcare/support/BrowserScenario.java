package com.peakcare.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a scenario of e2e/tasklist.mjs (playwright-core driving Debian's Chromium) against a running PeakCare and
 * returns the JSON line it prints. Needs node and /usr/bin/chromium: without them the test fails in CI and is
 * skipped, with a message, elsewhere. Installs e2e/node_modules with `npm ci` on first use.
 */
public final class BrowserScenario {

  private static final Path E2E = Path.of("e2e");
  private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

  public static String run(int port, String scenario) {
    return run(port, scenario, java.util.Map.of());
  }

  /** Runs a scenario with extra environment for the script (e.g. RETURN_NO: the case whose card to open). */
  public static String run(int port, String scenario, java.util.Map<String, String> env) {
    return run(port, "tasklist.mjs", scenario, env);
  }

  /** Runs a scenario of another script of e2e/ (pages.mjs: PeakCare's pages in Cockpit). */
  public static String run(int port, String script, String scenario, java.util.Map<String, String> env) {
    requireTools();
    installOnce();
    try {
      Path out = Path.of("target", "e2e");
      Files.createDirectories(out);
      ProcessBuilder builder = new ProcessBuilder("node", E2E.resolve(script).toString(), scenario)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("BASE_URL", "http://127.0.0.1:" + port);
      builder.environment().put("OUT_DIR", out.toString());
      builder.environment().put("CHROMIUM", CHROMIUM);
      builder.environment().putAll(env);
      Process process = builder.start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        Assertions.fail("browser scenario " + scenario + " did not finish in 3 minutes");
      }
      Assertions.assertEquals(0, process.exitValue(),
          "browser scenario " + scenario + " failed; see target/e2e/failed-" + scenario + ".png");
      List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).toList();
      Assertions.assertFalse(lines.isEmpty(), "browser scenario printed no result: " + stdout);
      return lines.get(lines.size() - 1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void requireTools() {
    boolean chromium = new File(CHROMIUM).canExecute();
    boolean node = onPath("node") && onPath("npm");
    if (!chromium || !node) {
      String message = "browser tests need node, npm and " + CHROMIUM + " (apt-get install chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message + "; skipped on this machine (CI runs them)");
    }
  }

  private static synchronized void installOnce() {
    if (Files.isDirectory(E2E.resolve("node_modules").resolve("playwright-core"))) {
      return;
    }
    try {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(E2E.toFile())
          .inheritIO().start();
      Assertions.assertTrue(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0, "npm ci in e2e/ failed");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private BrowserScenario() {}
}
