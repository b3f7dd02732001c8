package com.scheduleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A class a reader can hold: no main source file over 250 lines (issue 10; STYLE.md asks past about
 * 200 whether a class holds two ideas). Split a long one by what its parts are about.
 */
class FileLengthTest {

  private static final int MOST_LINES = 250;

  @Test
  void noMainSourceFileIsLongerThan250Lines() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      List<String> tooLong =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> lines(file) > MOST_LINES)
              .map(file -> file + " (" + lines(file) + " lines)")
              .toList();
      assertThat(tooLong).isEmpty();
    }
  }

  private static long lines(Path file) {
    try {
      return Files.readAllLines(file).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
