package com.peakcare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this JVM and the machine use: RSS from /proc/self/status, CPU from /proc/self/stat and /proc/stat. */
final class Machine {

  private static final double TICKS = 100.0; // USER_HZ on Linux

  private Machine() {}

  static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return -1;
  }

  /** A CPU reading: this JVM's CPU seconds and the machine's busy and total CPU seconds. */
  record Cpu(double jvm, double busy, double total, long wallNanos) {

    static Cpu now() {
      double jvm = 0;
      double busy = 0;
      double total = 0;
      try {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        jvm = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime, stime
        String[] c = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long sum = 0;
        for (int i = 1; i < Math.min(c.length, 9); i++) {
          sum += Long.parseLong(c[i]);
        }
        long idle = Long.parseLong(c[4]) + Long.parseLong(c[5]);
        total = sum / TICKS;
        busy = (sum - idle) / TICKS;
      } catch (IOException | RuntimeException e) {
        // not Linux: zeros
      }
      return new Cpu(jvm, busy, total, System.nanoTime());
    }

    /** "JVM 1.62 cores, machine 97% busy" since the earlier reading. */
    String since(Cpu before) {
      double wall = (wallNanos - before.wallNanos) / 1e9;
      double cores = wall > 0 ? (jvm - before.jvm) / wall : 0;
      double dt = total - before.total;
      double busyShare = dt > 0 ? (busy - before.busy) / dt : 0;
      return String.format("JVM %.2f cores, machine %.0f%% busy (%d cores)", cores, busyShare * 100,
          Runtime.getRuntime().availableProcessors());
    }

    double jvmCores(Cpu before) {
      double wall = (wallNanos - before.wallNanos) / 1e9;
      return wall > 0 ? (jvm - before.jvm) / wall : 0;
    }

    double machineBusy(Cpu before) {
      double dt = total - before.total;
      return dt > 0 ? (busy - before.busy) / dt : 0;
    }
  }
}
