package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.dispatch.DeliveryStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The statuses the OpenAPI document lists are the ones the service answers. */
class DocumentedStatusesTest {

  @Test
  void scheduleStatusesInTheDocumentAreTheEnum() throws NoSuchFieldException {
    Schema documented =
        ScheduledView.Meta.class.getDeclaredField("status").getAnnotation(Schema.class);

    assertThat(documented.allowableValues())
        .containsExactlyInAnyOrder(
            Arrays.stream(ScheduleStatus.values())
                .map(ScheduleStatus::apiName)
                .toArray(String[]::new));
  }

  @Test
  void deliveryStatusesInTheDocumentAreTheOnesAnswered() throws NoSuchFieldException {
    Schema documented = DeliveryView.class.getDeclaredField("status").getAnnotation(Schema.class);

    assertThat(documented.allowableValues())
        .containsExactlyInAnyOrder(
            Arrays.stream(DeliveryStatus.values())
                .map(DeliveryStatus::apiName)
                .toArray(String[]::new));
  }
}
