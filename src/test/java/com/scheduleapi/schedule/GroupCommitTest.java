package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Creates that arrive together share one insert; each still gets its own row and answer. */
@ApiTest
class GroupCommitTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired ScheduleWriter writer;
  @Autowired JsonMapper json;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void answersEachConcurrentCreateWithItsOwnRow() throws Exception {
    int clients = 32;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Map<Long, String>>> answers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  Map<Long, String> mine = new HashMap<>();
                  for (int k = 0; k < each; k++) {
                    String phone = "1415%07d".formatted(client * 1000 + k);
                    var response =
                        team.post(
                            api,
                            "/v1/schedule",
                            """
                            {"inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z",
                             "phone_number": "%s", "content": {"text": "for %s"}}
                            """
                                .formatted(team.inboxId(), phone, phone));
                    assertThat(response.status()).as(response.raw()).isEqualTo(200);
                    mine.put(response.body().get("id").asLong(), phone);
                  }
                  return mine;
                }));
      }
      start.countDown();
      Map<Long, String> all = new HashMap<>();
      for (Future<Map<Long, String>> answer : answers) {
        all.putAll(answer.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(clients * each);
      Map<Long, String> stored = new HashMap<>();
      jdbc.sql("select id, phone_number, content from schedule where team_id = ?")
          .param(team.id())
          .query(
              rs -> {
                stored.put(rs.getLong(1), rs.getString(2));
                assertThat(rs.getString(3)).contains("for " + rs.getString(2));
              });
      assertThat(stored).isEqualTo(all);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failsOnlyTheRowThatBreaksAConstraint() throws Exception {
    long missingInbox = Long.MAX_VALUE;
    List<CompletableFuture<Optional<Long>>> outcomes =
        writer.insertTogether(
            List.of(
                row(team.inboxId(), "14155550001"),
                row(missingInbox, "14155550002"),
                row(team.inboxId(), "14155550003")));

    assertThat(outcomes.get(0).get()).isPresent();
    assertThat(outcomes.get(2).get()).isPresent();
    assertThatThrownBy(() -> outcomes.get(1).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(DataIntegrityViolationException.class);
    assertThat(
            jdbc.sql("select phone_number from schedule where team_id = ? order by id")
                .param(team.id())
                .query(String.class)
                .list())
        .containsExactly("14155550001", "14155550003");
  }

  @Test
  void leavesARowWhoseLocalIdIsTakenOutAndStoresTheOthers() throws Exception {
    List<CompletableFuture<Optional<Long>>> outcomes =
        writer.insertTogether(
            List.of(
                row(team.inboxId(), "14155550001", "same"),
                row(team.inboxId(), "14155550002", "same"),
                row(team.inboxId(), "14155550003", null)));

    assertThat(outcomes.get(0).get()).isPresent();
    assertThat(outcomes.get(1).get()).isEmpty();
    assertThat(outcomes.get(2).get()).isPresent();
  }

  private ScheduleWriter.NewSchedule row(long inboxId, String phone) {
    return row(inboxId, phone, null);
  }

  private ScheduleWriter.NewSchedule row(long inboxId, String phone, String localId) {
    OffsetDateTime at = OffsetDateTime.parse("2026-01-10T18:00:00Z");
    ValidSchedule valid =
        new ValidSchedule(
            inboxId,
            at,
            json.createObjectNode().put("text", "hi"),
            phone,
            null,
            null,
            null,
            localId,
            team.ownerId(),
            "hash-" + phone,
            new SendTiming(at, null, false, null, at.toInstant(), "UTC", false),
            null);
    return new ScheduleWriter.NewSchedule(
        team.id(), valid, valid.content().toString(), null, clock.instant());
  }
}
