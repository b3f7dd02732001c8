package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.schedule.ScheduleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stored status codes are part of the database: rows written by an earlier version keep them. A
 * changed code must fail here, not in production.
 */
class StatusCodesTest {

  private static final Pattern LITERAL_STATUS =
      Pattern.compile("status\\s*(=|<>|!=|<|>|<=|>=|in\\s*\\()\\s*\\d");

  @Test
  void deliveryStatusesKeepTheirStoredCodes() {
    assertThat(DeliveryStatus.PENDING.code()).isEqualTo((short) 0);
    assertThat(DeliveryStatus.SENT.code()).isEqualTo((short) 1);
    assertThat(DeliveryStatus.FAILED.code()).isEqualTo((short) 2);
    assertThat(DeliveryStatus.SKIPPED.code()).isEqualTo((short) 3);
    assertThat(DeliveryStatus.EXPIRED.code()).isEqualTo((short) 4);
    assertThat(DeliveryStatus.DELIVERED.code()).isEqualTo((short) 5);
    assertThat(DeliveryStatus.UNDELIVERED.code()).isEqualTo((short) 6);
    assertThat(DeliveryStatus.values()).hasSize(7);
  }

  @Test
  void scheduleStatusesKeepTheirStoredCodes() {
    assertThat(ScheduleStatus.SCHEDULED.code()).isEqualTo((short) 0);
    assertThat(ScheduleStatus.SENDING.code()).isEqualTo((short) 1);
    assertThat(ScheduleStatus.SENT.code()).isEqualTo((short) 2);
    assertThat(ScheduleStatus.PARTIALLY_SENT.code()).isEqualTo((short) 3);
    assertThat(ScheduleStatus.FAILED.code()).isEqualTo((short) 4);
    assertThat(ScheduleStatus.PAUSED.code()).isEqualTo((short) 5);
    assertThat(ScheduleStatus.EXPIRED.code()).isEqualTo((short) 6);
    assertThat(ScheduleStatus.values()).hasSize(7);
  }

  @Test
  void codesMapBackToTheirStatuses() {
    for (DeliveryStatus status : DeliveryStatus.values()) {
      assertThat(DeliveryStatus.ofCode(status.code())).isEqualTo(status);
    }
    for (ScheduleStatus status : ScheduleStatus.values()) {
      assertThat(ScheduleStatus.ofCode(status.code())).isEqualTo(status);
    }
  }

  @Test
  void statementsTakeStatusCodesFromTheEnums() {
    assertThat(DeliveryStatus.sql("where status = {delivery.pending} or s = {delivery.skipped}"))
        .isEqualTo("where status = 0 or s = 3");
    assertThat(ScheduleStatus.sql("set status = {schedule.sending}")).isEqualTo("set status = 1");
  }

  @Test
  void noStatementComparesAStatusWithANumber() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(StatusCodesTest::lines)
              .filter(line -> LITERAL_STATUS.matcher(line.text()).find())
              .map(Line::toString)
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  /** The lines of a file's text blocks, where its SQL is. */
  private static Stream<Line> lines(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Line> inTextBlocks = new ArrayList<>();
    boolean inside = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains("\"\"\"")) {
        inside = !inside;
      } else if (inside) {
        inTextBlocks.add(new Line(file, i + 1, line));
      }
    }
    return inTextBlocks.stream();
  }

  private record Line(Path file, int number, String text) {
    @Override
    public String toString() {
      return file + ":" + number + ": " + text.strip();
    }
  }
}
