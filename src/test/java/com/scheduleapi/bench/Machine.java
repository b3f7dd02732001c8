package com.scheduleapi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cores, CPU model and memory of this machine, as the benchmark report states them. */
final class Machine {

  private Machine() {}

  static String describe() {
    String model = "unknown CPU";
    long memKb = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          model = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: leave what we know
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + model
        + "), "
        + Math.round(memKb / 1024.0 / 1024.0)
        + " GiB memory";
  }

  static String java() {
    return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
  }
}
