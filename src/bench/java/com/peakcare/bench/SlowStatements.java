package com.peakcare.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slow statements without pg_stat_statements (which needs shared_preload_libraries and a server restart): the
 * benchmark database loads auto_explain per session ({@code session_preload_libraries}) and logs a sample of the
 * plans of statements slower than {@code bench.slowMs}; this reads them back from the server's log, when it is
 * readable (Debian: /var/log/postgresql/postgresql-15-main.log), grouped by statement.
 */
final class SlowStatements {

  static final Path LOG = Path.of(System.getProperty("bench.pgLog", "/var/log/postgresql/postgresql-15-main.log"));

  private final long startOffset;

  SlowStatements() {
    long offset = -1;
    try {
      offset = Files.isReadable(LOG) ? Files.size(LOG) : -1;
    } catch (IOException e) {
      // no log, no slow statements
    }
    this.startOffset = offset;
  }

  private static final class Group {
    int count;
    double maxMs;
    double totalMs;
    final Set<String> scans = new LinkedHashSet<>();
  }

  /** Writes the groups to {@code out}, answers the top lines (most total time first). */
  List<String> report(String database, Path out, int top) {
    List<String> lines = new ArrayList<>();
    if (startOffset < 0) {
      lines.add("server log " + LOG + " not readable: no slow statements");
      return lines;
    }
    Map<String, Group> groups = new LinkedHashMap<>();
    try (RandomAccessFile f = new RandomAccessFile(LOG.toFile(), "r")) {
      f.seek(startOffset);
      byte[] rest = new byte[(int) Math.min(f.length() - startOffset, 400_000_000L)];
      f.readFully(rest);
      String[] log = new String(rest, StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < log.length; i++) {
        String line = log[i];
        int d = line.indexOf("@" + database + " LOG:  duration: ");
        if (d < 0 || !line.contains("plan:")) {
          continue;
        }
        double ms = Double.parseDouble(line.substring(line.indexOf("duration: ") + 10).split(" ")[0]);
        String query = null;
        List<String> scans = new ArrayList<>();
        int j = i + 1;
        for (; j < log.length && (log[j].startsWith("\t") || log[j].startsWith(" ")); j++) {
          String l = log[j].trim();
          if (l.startsWith("Query Text:")) {
            query = l.substring(11).trim();
          } else if (l.contains("Seq Scan on")) {
            scans.add(l.replaceAll("\\s*\\(cost.*", "").replaceAll("^->\\s*", ""));
          } else if (query != null && scans.isEmpty() && !l.contains("(cost") && query.length() < 400) {
            query = query + " " + l;
          }
        }
        i = j - 1;
        if (query == null) {
          continue;
        }
        String key = query.replaceAll("\\s+", " ");
        key = key.substring(0, Math.min(300, key.length()));
        Group g = groups.computeIfAbsent(key, k -> new Group());
        g.count++;
        g.totalMs += ms;
        g.maxMs = Math.max(g.maxMs, ms);
        g.scans.addAll(scans);
      }
    } catch (IOException | RuntimeException e) {
      lines.add("could not read " + LOG + ": " + e);
      return lines;
    }
    List<Map.Entry<String, Group>> sorted = new ArrayList<>(groups.entrySet());
    sorted.sort((x, y) -> Double.compare(y.getValue().totalMs, x.getValue().totalMs));
    List<String> all = new ArrayList<>();
    for (Map.Entry<String, Group> e : sorted) {
      Group g = e.getValue();
      all.add(String.format("%d sampled, max %.0f ms, total %.0f ms%s: %s", g.count, g.maxMs, g.totalMs,
          g.scans.isEmpty() ? "" : " [" + String.join("; ", g.scans) + "]", e.getKey()));
    }
    try {
      Files.write(out, all);
    } catch (IOException e) {
      // the top lines still go to the notes
    }
    lines.addAll(all.subList(0, Math.min(top, all.size())));
    return lines;
  }
}
