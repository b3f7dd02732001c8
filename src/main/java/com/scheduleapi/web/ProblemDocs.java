package com.scheduleapi.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one shape every error takes ({@link Problem}), and on each operation the error answers it can
 * give. Which apply follows from the operation itself (a path id can be missing, a body can be too
 * large, an {@code If-Match} can be stale); a {@code 409} is declared on the controller with
 * {@code @ApiResponse(responseCode = "409", ref = "Conflict")}.
 */
@Configuration(proxyBeanMethods = false)
class ProblemDocs {

  static final String PROBLEM = "Problem";

  /** Each error answer: its status, the component's name, its codes and what it means. */
  private record Answer(String status, String name, List<String> codes, String description) {}

  private static final List<Answer> ANSWERS =
      List.of(
          new Answer(
              "400",
              "BadRequest",
              List.of("bad_data"),
              "The request breaks a rule; `errors` names each field."),
          new Answer(
              "401",
              "Unauthorized",
              List.of("missing_api_key", "invalid_api_key", "expired_token"),
              "No credentials, unknown ones, or an expired JWT."),
          new Answer("404", "NotFound", List.of("not_found"), "No such row for this team."),
          new Answer(
              "409",
              "Conflict",
              List.of("conflict"),
              "Already sending or sent, or the local_id belongs to another request."),
          new Answer(
              "412",
              "PreconditionFailed",
              List.of("precondition_failed"),
              "`If-Match` is not the current rev; GET the row again."),
          new Answer("413", "TooLarge", List.of("too_large"), "The body is over 1 MiB."),
          new Answer(
              "415",
              "UnsupportedMediaType",
              List.of("unsupported_media_type"),
              "Send `Content-Type: application/json`."),
          new Answer(
              "429",
              "RateLimited",
              List.of("rate_limited"),
              "Too many requests for this key; try again after `Retry-After` seconds."),
          new Answer(
              "500",
              "InternalError",
              List.of("internal_error"),
              "A fault of the service; quote the `request_id` when you report it."),
          new Answer(
              "503",
              "Unavailable",
              List.of("unavailable"),
              "The database cannot be reached; try again after `Retry-After` seconds."));

  @Bean
  OpenApiCustomizer problemAnswersInDocs() {
    return docs -> {
      docs.getComponents()
          .addSchemas("FieldProblem", fieldProblem())
          .addSchemas(PROBLEM, problem());
      ANSWERS.forEach(answer -> docs.getComponents().addResponses(answer.name(), response(answer)));
      docs.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> addProblems(path, method, operation)));
    };
  }

  @Bean
  OperationCustomizer conflictsInDocs() {
    return (operation, handler) -> {
      if (handler.hasMethodAnnotation(MayConflict.class)) {
        refer(operation.getResponses(), "409", true);
      }
      return operation;
    };
  }

  private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    boolean hasInput =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    boolean admin = path.startsWith("/admin/");
    refer(responses, "400", hasInput);
    refer(responses, "401", true);
    refer(responses, "404", path.contains("{"));
    refer(
        responses,
        "412",
        operation.getParameters() != null
            && operation.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName())));
    refer(responses, "413", operation.getRequestBody() != null);
    refer(responses, "415", operation.getRequestBody() != null);
    refer(responses, "429", !admin);
    refer(responses, "500", true);
    refer(responses, "503", true);
  }

  private static void refer(ApiResponses responses, String status, boolean applies) {
    if (!applies || responses.containsKey(status)) {
      return;
    }
    Answer answer =
        ANSWERS.stream().filter(a -> a.status().equals(status)).findFirst().orElseThrow();
    responses.addApiResponse(
        status, new ApiResponse().$ref("#/components/responses/" + answer.name()));
  }

  private static ApiResponse response(Answer answer) {
    Map<String, Object> example = new LinkedHashMap<>();
    String code = answer.codes().get(0);
    example.put("type", "https://schedule-api.dev/problems/" + code.replace('_', '-'));
    example.put("title", title(answer.status()));
    example.put("status", Integer.parseInt(answer.status()));
    example.put("detail", answer.description());
    example.put("error_code", code);
    if (answer.status().equals("400")) {
      example.put(
          "errors",
          List.of(
              Map.of(
                  "field",
                  "execute_at",
                  "message",
                  "must fall on a quarter hour (:00, :15, :30 or :45), such as"
                      + " 2024-07-24T11:30:00-07:00")));
    }
    example.put("request_id", "3f1c9a7e5b2d4c8e");
    ApiResponse response =
        new ApiResponse()
            .description(
                answer.description() + " `error_code`: " + String.join(", ", answer.codes()) + ".")
            .content(
                new Content()
                    .addMediaType(
                        ProblemResponses.MEDIA_TYPE,
                        new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                            .examples(Map.of(code, new Example().value(example)))));
    if (answer.status().equals("429") || answer.status().equals("503")) {
      response.addHeaderObject(
          "Retry-After",
          new Header()
              .description("Seconds to wait before trying again.")
              .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
    }
    return response;
  }

  private static String title(String status) {
    return org.springframework.http.HttpStatus.valueOf(Integer.parseInt(status)).getReasonPhrase();
  }

  /** {@link Problem} as the wire shows it (snake_case, like every body of this API). */
  private static Schema<?> problem() {
    List<String> codes =
        List.of(
            "bad_data",
            "missing_api_key",
            "invalid_api_key",
            "expired_token",
            "not_found",
            "method_not_allowed",
            "not_acceptable",
            "conflict",
            "precondition_failed",
            "too_large",
            "unsupported_media_type",
            "rate_limited",
            "internal_error",
            "unavailable");
    return new ObjectSchema()
        .description("RFC 9457 problem details, with an error code and the request id.")
        .addProperty(
            "type", new StringSchema().format("uri").description("Identifies the kind of problem."))
        .addProperty("title", new StringSchema().description("The HTTP status in words."))
        .addProperty("status", new IntegerSchema().description("The HTTP status code."))
        .addProperty("detail", new StringSchema().description("What was wrong and how to fix it."))
        .addProperty(
            "error_code",
            new StringSchema()._enum(codes).description("What went wrong, for programs."))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                .description("With `bad_data`: each field that is wrong, and why."))
        .addProperty(
            "request_id",
            new StringSchema().description("Also in `X-Request-Id`; quote it when reporting."))
        .required(List.of("type", "title", "status", "detail", "error_code", "request_id"));
  }

  private static Schema<?> fieldProblem() {
    return new ObjectSchema()
        .description("One thing wrong with one field.")
        .addProperty(
            "field",
            new StringSchema()
                .description("The field's path in the request, such as `targets[1].phone_number`."))
        .addProperty("message", new StringSchema().description("What is wrong with it."))
        .required(List.of("field", "message"));
  }
}
