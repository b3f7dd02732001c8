package com.scheduleapi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.scheduleapi.ScheduleApiApplication;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** A guessable bootstrap key is refused at start-up, with a message that says how to make one. */
class ShortBootstrapKeyTest {

  @Test
  void refusesToStartWithAKeyShorterThan24Characters() throws Exception {
    String dataDir = Files.createTempDirectory("short-key").toString();
    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(ScheduleApiApplication.class)
                    .run(
                        "--server.port=0",
                        "--schedule.data-dir=" + dataDir,
                        "--schedule.bootstrap.api-key=sk_only_23_characters__",
                        "--schedule.dispatch.enabled=false",
                        "--spring.quartz.auto-startup=false",
                        "--spring.main.banner-mode=off")
                    .close());

    assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SCHEDULE_BOOTSTRAP_API_KEY")
        .hasMessageContaining("is 23 characters long; use at least 24")
        .hasMessageContaining("openssl rand -hex 24");
  }
}
