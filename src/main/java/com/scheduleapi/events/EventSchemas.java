package com.scheduleapi.events;

import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event types and an event's data as named schemas, for generated clients. */
@Configuration(proxyBeanMethods = false)
class EventSchemas {

  @Bean
  OpenApiCustomizer eventSchemasInDocs() {
    return docs -> {
      StringSchema types = new StringSchema();
      types.setDescription("What an event reports.");
      types.setEnum(Arrays.stream(EventType.values()).map(EventType::apiName).toList());
      Schema<Object> data = new ObjectSchema();
      data.setDescription(
          "For schedule.* the Scheduled object; for delivery.* {schedule_id, local_id, batch_id,"
              + " delivery_id, phone_number, status, attempts, error, sent_at,"
              + " provider_message_id}.");
      data.setAdditionalProperties(true);
      docs.getComponents().addSchemas("EventType", types).addSchemas("EventData", data);
    };
  }
}
