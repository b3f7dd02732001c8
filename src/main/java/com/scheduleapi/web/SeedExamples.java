package com.scheduleapi.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The seed document's examples (message 88 for 14155553434 from inbox 413) on the four schedule
 * endpoints, so that Swagger UI, Postman and generated docs show a working request and its answer.
 */
@Configuration(proxyBeanMethods = false)
class SeedExamples {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CREATE =
      """
      {"local_id": "f4bb74f2-7827-4a61-83c1-04164338fb6f",
       "content": {"text": "Your appointment is tomorrow at 2pm", "to": "14155553434"},
       "phone_number": "14155553434", "inbox_id": 413,
       "execute_at": "2024-07-24T11:30:00-07:00"}""";

  private static final String CREATED =
      """
      {"id": 88, "local_id": "f4bb74f2-7827-4a61-83c1-04164338fb6f"}""";

  private static final String UPDATE =
      """
      {"execute_at": "2024-07-24T12:00:00-07:00",
       "content": {"text": "Your appointment is tomorrow at 2pm. Reply STOP to opt out.",
                   "to": "14155553434"},
       "inbox_id": 413}""";

  private static final String SCHEDULED =
      """
      {"id": 88, "execute": "2024-07-24T11:30:00-07:00", "inbox_id": 413,
       "local_id": "f4bb74f2-7827-4a61-83c1-04164338fb6f", "user_id": 7,
       "created": "2024-07-23T16:02:11Z", "updated": "2024-07-23T16:02:11Z", "rev": 1,
       "meta": {"status": "scheduled",
                "content": {"text": "Your appointment is tomorrow at 2pm", "to": "14155553434"},
                "phone_number": "14155553434", "targets": null, "conversation_id": null,
                "list_id": null, "recipients": 1, "sent": 0, "failed": 0, "skipped": 0}}""";

  private static final String UPDATED =
      """
      {"id": 88, "execute": "2024-07-24T12:00:00-07:00", "inbox_id": 413, "local_id": null,
       "user_id": 7, "created": "2024-07-23T16:02:11Z", "updated": "2024-07-23T16:40:57Z",
       "rev": 2,
       "meta": {"status": "scheduled",
                "content": {"text": "Your appointment is tomorrow at 2pm. Reply STOP to opt out.",
                            "to": "14155553434"},
                "phone_number": "14155553434", "targets": null, "conversation_id": null,
                "list_id": null, "recipients": 1, "sent": 0, "failed": 0, "skipped": 0}}""";

  @Bean
  OpenApiCustomizer seedExamplesInDocs() {
    return docs -> {
      Operation create = operation(docs, "createSchedule");
      example(create.getRequestBody().getContent().get("application/json"), CREATE);
      example(answer(create), CREATED);
      example(answer(operation(docs, "getSchedule")), SCHEDULED);
      Operation update = operation(docs, "updateSchedule");
      example(update.getRequestBody().getContent().get("application/json"), UPDATE);
      example(answer(update), UPDATED);
      example(answer(operation(docs, "deleteSchedule")), "\"ok\"");
    };
  }

  private static Operation operation(OpenAPI docs, String id) {
    return docs.getPaths().values().stream()
        .flatMap(item -> item.readOperations().stream())
        .filter(operation -> id.equals(operation.getOperationId()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No operation " + id + " for its example"));
  }

  private static MediaType answer(Operation operation) {
    return operation.getResponses().get("200").getContent().get("application/json");
  }

  private static void example(MediaType media, String json) {
    try {
      media.setExamples(
          Map.of("seed", new Example().summary("The seed's example").value(JSON.readTree(json))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
