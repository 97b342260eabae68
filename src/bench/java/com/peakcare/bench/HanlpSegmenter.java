package com.peakcare.bench;

import com.hankcs.hanlp.HanLP;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * HanLP portable's standard segmenter (its dictionaries in the jar) on the labelled set's texts, on one thread: what a
 * segmenting step would add to the analysis, measured, not assumed (issue 21 asks whether it costs the throughput goal).
 */
final class HanlpSegmenter {

  private HanlpSegmenter() {}

  static double micros(List<String[]> texts, double seconds) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 5_000; i++) { // dictionaries load, JIT
      String[] t = texts.get(i % texts.size());
      HanLP.segment(t[1] + t[2]);
    }
    long n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long c0 = cpu.getCurrentThreadCpuTime();
    while (System.nanoTime() < end) {
      for (String[] t : texts) {
        HanLP.segment(t[1]);
        if (!t[2].isEmpty()) {
          HanLP.segment(t[2]);
        }
        n++;
      }
    }
    return (cpu.getCurrentThreadCpuTime() - c0) / 1e3 / n;
  }
}
