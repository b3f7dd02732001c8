package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** execute_at at its boundaries, through the HTTP API, with "now" fixed. */
@ApiTest
class ExecuteAtApiTest {

  private static final Instant NOW = Instant.parse("2026-01-10T16:45:00Z");

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(NOW);
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private ApiClient.Response create(String executeAt) {
    return team.post(
        api,
        "/v1/schedule",
        """
        {"inbox_id": %d, "execute_at": "%s", "phone_number": "14155553434",
         "content": {"text": "hi"}}
        """
            .formatted(team.inboxId(), executeAt));
  }

  private String executeOf(ApiClient.Response created) {
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    return team.get(api, "/v1/schedule/" + created.body().get("id").asLong())
        .body()
        .get("execute")
        .asString();
  }

  private long rows() {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  @Test
  void acceptsExactlyFifteenMinutesAhead() {
    assertThat(executeOf(create("2026-01-10T17:00:00Z"))).isEqualTo("2026-01-10T17:00:00Z");
  }

  @Test
  void rejectsFourteenMinutesFiftyNineAhead() {
    clock.set(NOW.plusSeconds(1));
    var response = create("2026-01-10T17:00:00Z");
    assertBadData(response, "execute_at");
    assertThat(message(response, "execute_at")).contains("2026-01-10T17:15:00Z");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsExecuteAtOffTheQuarterHourNamingTheNearestValidTimes() {
    var response = create("2026-01-10T11:07:00-07:00");
    assertBadData(response, "execute_at");
    assertThat(message(response, "execute_at"))
        .contains("2026-01-10T11:00:00-07:00")
        .contains("2026-01-10T11:15:00-07:00");
    assertThat(response.body().get("detail").asString())
        .contains("2026-01-10T11:00:00-07:00")
        .contains("2026-01-10T11:15:00-07:00");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsAFractionOfASecond() {
    assertBadData(create("2026-01-10T18:00:00.5Z"), "execute_at");
  }

  @Test
  void acceptsAZeroFraction() {
    assertThat(executeOf(create("2026-01-10T18:00:00.000Z"))).isEqualTo("2026-01-10T18:00:00Z");
  }

  @Test
  void rejectsATimeWithoutOffset() {
    assertBadData(create("2026-01-10T18:00:00"), "execute_at");
  }

  @Test
  void echoesExecuteInTheClientsOffset() {
    assertThat(executeOf(create("2026-01-11T12:00:00+05:45")))
        .isEqualTo("2026-01-11T12:00:00+05:45");
    assertThat(executeOf(create("2026-01-11T11:30:00-07:00")))
        .isEqualTo("2026-01-11T11:30:00-07:00");
  }

  @Test
  void storesTheInstantWhateverTheOffset() {
    long id = create("2026-01-11T12:00:00+05:45").body().get("id").asLong();
    Instant stored =
        jdbc.sql("select execute_at from schedule where id = ?")
            .param(id)
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant();
    assertThat(stored).isEqualTo(Instant.parse("2026-01-11T06:15:00Z"));
  }

  @Test
  void acceptsTimesEitherSideOfTheUsDaylightSavingChange() {
    // 2026-03-08 02:00 PST becomes 03:00 PDT: 01:45-08:00 and 03:00-07:00 are 15 minutes apart.
    assertThat(executeOf(create("2026-03-08T01:45:00-08:00")))
        .isEqualTo("2026-03-08T01:45:00-08:00");
    assertThat(executeOf(create("2026-03-08T03:00:00-07:00")))
        .isEqualTo("2026-03-08T03:00:00-07:00");
    var both =
        team.get(api, "/v1/schedules?from=2026-03-08T09:45:00Z&to=2026-03-08T10:00:00Z").body();
    assertThat(both.get("items").size()).isEqualTo(2);
  }

  @Test
  void acceptsTheWholeHorizon() {
    assertThat(executeOf(create("2027-01-10T16:45:00Z"))).isEqualTo("2027-01-10T16:45:00Z");
  }

  @Test
  void rejectsOneStepBeyondTheHorizon() {
    var response = create("2027-01-10T17:00:00Z");
    assertBadData(response, "execute_at");
    assertThat(message(response, "execute_at")).contains("2027-01-10T16:45:00Z");
  }

  @Test
  void appliesTheRulesOnUpdateToo() {
    long id = create("2026-01-10T18:00:00Z").body().get("id").asLong();
    var response =
        team.put(
            api,
            "/v1/schedule/" + id,
            """
            {"inbox_id": %d, "execute_at": "2026-01-10T17:07:00Z", "phone_number": "14155553434",
             "content": {"text": "hi"}}
            """
                .formatted(team.inboxId()));
    assertBadData(response, "execute_at");
    assertThat(team.get(api, "/v1/schedule/" + id).body().get("execute").asString())
        .isEqualTo("2026-01-10T18:00:00Z");
  }
}
