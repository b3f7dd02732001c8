package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import com.scheduleapi.client.ApiClient;
import com.scheduleapi.client.ApiException;
import com.scheduleapi.client.api.AdministrationApi;
import com.scheduleapi.client.api.DirectoryApi;
import com.scheduleapi.client.api.SchedulesApi;
import com.scheduleapi.client.model.Created;
import com.scheduleapi.client.model.FieldProblem;
import com.scheduleapi.client.model.InboxView;
import com.scheduleapi.client.model.NewInboxRequest;
import com.scheduleapi.client.model.NewTeamRequest;
import com.scheduleapi.client.model.NewTeamView;
import com.scheduleapi.client.model.Problem;
import com.scheduleapi.client.model.SchedulePage;
import com.scheduleapi.client.model.ScheduleRequest;
import com.scheduleapi.client.model.Scheduled;
import com.scheduleapi.client.model.ScheduledContent;
import com.scheduleapi.client.model.ScheduledMeta;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README walkthrough through the Java client that the build generates from {@code
 * docs/openapi.yaml} and nothing else: if the document and the service disagree on a path, a field,
 * a type or an answer, this fails.
 */
@ApiTest
class GeneratedClientTest {

  private static final String LOCAL_ID = "f4bb74f2-7827-4a61-83c1-04164338fb6f";

  @LocalServerPort int port;
  @Autowired MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void walksThroughTheReadmeWithTheGeneratedClient() throws ApiException {
    clock.set(Instant.parse("2024-07-24T17:00:00Z"));
    ApiClient team = client(newTeamKey());
    DirectoryApi directory = new DirectoryApi(team);
    SchedulesApi schedules = new SchedulesApi(team);

    InboxView inbox =
        directory.createInbox(new NewInboxRequest().name("Front desk").phone("14155550100"));
    assertThat(inbox.getPhone()).isEqualTo("14155550100");

    Created created =
        schedules.createSchedule(
            new ScheduleRequest()
                .localId(LOCAL_ID)
                .content(
                    new ScheduledContent()
                        .text("Your appointment is tomorrow at 2pm")
                        .to("14155553434"))
                .phoneNumber("14155553434")
                .inboxId(inbox.getId())
                .executeAt(OffsetDateTime.parse("2024-07-24T11:30:00-07:00")));
    assertThat(created.getLocalId()).isEqualTo(LOCAL_ID);

    Scheduled scheduled = schedules.getSchedule(created.getId());
    assertThat(scheduled.getExecute()).isEqualTo(OffsetDateTime.parse("2024-07-24T11:30:00-07:00"));
    assertThat(scheduled.getInboxId()).isEqualTo(inbox.getId());
    assertThat(scheduled.getLocalId()).isEqualTo(LOCAL_ID);
    assertThat(scheduled.getMeta().getStatus()).isEqualTo(ScheduledMeta.StatusEnum.SCHEDULED);
    assertThat(scheduled.getMeta().getPhoneNumber()).isEqualTo("14155553434");
    assertThat(scheduled.getMeta().getContent().getText())
        .isEqualTo("Your appointment is tomorrow at 2pm");

    Scheduled updated =
        schedules.updateSchedule(
            created.getId(),
            new ScheduleRequest()
                .executeAt(OffsetDateTime.parse("2024-07-24T12:00:00-07:00"))
                .content(
                    new ScheduledContent()
                        .text("Your appointment is tomorrow at 2pm. Reply STOP to opt out.")
                        .to("14155553434"))
                .inboxId(inbox.getId()),
            "\"" + scheduled.getRev() + "\"");
    assertThat(updated.getExecute()).isEqualTo(OffsetDateTime.parse("2024-07-24T12:00:00-07:00"));
    assertThat(updated.getRev()).isGreaterThan(scheduled.getRev());

    SchedulePage page =
        schedules.listSchedules("scheduled", inbox.getId(), null, null, null, null, 50, null, null);
    assertThat(page.getItems()).extracting(Scheduled::getId).containsExactly(created.getId());
    assertThat(page.getNextCursor()).isNull();

    assertThat(schedules.deleteSchedule(created.getId())).isEqualTo("ok");
    ApiException gone =
        catchThrowableOfType(ApiException.class, () -> schedules.getSchedule(created.getId()));
    assertThat(gone.getCode()).isEqualTo(404);
  }

  @Test
  void aBadRequestReadsAsAProblemNamingEachField() throws Exception {
    clock.set(Instant.parse("2024-07-24T17:00:00Z"));
    ApiClient team = client(newTeamKey());
    long inbox =
        new DirectoryApi(team)
            .createInbox(new NewInboxRequest().name("Front desk").phone("14155550100"))
            .getId();

    ApiException rejected =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new SchedulesApi(team)
                    .createSchedule(
                        new ScheduleRequest()
                            .inboxId(inbox)
                            .phoneNumber("14155553434")
                            .content(new ScheduledContent().text("Off the quarter hour"))
                            .executeAt(OffsetDateTime.parse("2024-07-24T11:37:00-07:00"))));

    assertThat(rejected.getCode()).isEqualTo(400);
    Problem problem = team.getObjectMapper().readValue(rejected.getResponseBody(), Problem.class);
    assertThat(problem.getErrorCode()).isEqualTo(Problem.ErrorCodeEnum.BAD_DATA);
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getRequestId()).isNotBlank();
    assertThat(problem.getErrors()).extracting(FieldProblem::getField).contains("execute_at");
  }

  /** A new team, made through the generated client's administration API. */
  private String newTeamKey() throws ApiException {
    ApiClient admin = client(com.scheduleapi.ApiClient.ADMIN_TOKEN);
    NewTeamView team =
        new AdministrationApi(admin).createTeam(new NewTeamRequest().name("generated-client"));
    return team.getApiKey();
  }

  private ApiClient client(String bearer) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
    return client;
  }
}
