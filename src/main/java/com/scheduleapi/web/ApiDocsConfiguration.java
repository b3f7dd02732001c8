package com.scheduleapi.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * What {@code /v3/api-docs} and {@code /swagger-ui.html} tell a client beyond the controllers'
 * signatures: what the API is for, how to prove a team, and the one shape every error takes.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  static final String PROBLEM = "Problem";
  private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
  private static final List<String> CREDENTIALS = List.of("apiKey", "basic", "jwt");

  static {
    SpringDocUtils.getConfig()
        // Free-form request parts (content, targets) are any JSON, not a JsonNode bean.
        .replaceWithSchema(JsonNode.class, new JsonSchema().description("Any JSON value."));
  }

  /**
   * Schemas with the names the wire uses: swagger-core reads our records with its own Jackson 2
   * mapper, which knows nothing of {@code spring.jackson.property-naming-strategy=SNAKE_CASE}.
   */
  @Bean
  ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
    return new ModelResolver(
            mappers
                .jsonMapper()
                .copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
        .openapi31(mappers.isOpenapi31());
  }

  @Bean
  OpenAPI scheduleApiDocs() {
    String version = ApiDocsConfiguration.class.getPackage().getImplementationVersion();
    OpenAPI docs =
        new OpenAPI()
            .info(
                new Info()
                    .title("Schedule API")
                    .version(version == null ? "development" : version)
                    .description(
                        """
                        The Schedule API lets you queue messages to be sent at a specific time in \
                        the future. You can schedule messages to individuals, groups, or entire \
                        contact lists, giving you precise control over when your customers \
                        receive communications.

                        `execute_at` must be at least 15 minutes in the future and must fall on a \
                        15-minute interval (:00, :15, :30, or :45). Every error answers \
                        `application/problem+json` with an `error_code` and the `request_id` to \
                        quote when you report it."""))
            .components(
                new Components()
                    .addSecuritySchemes(
                        "apiKey",
                        bearer("API key").description("`Authorization: Bearer <api key>`."))
                    .addSecuritySchemes(
                        "basic",
                        new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("basic")
                            .description("The API key as the user name, an empty password."))
                    .addSecuritySchemes(
                        "jwt",
                        bearer("JWT")
                            .description(
                                "HS256 JWT with the claims `iss` (a secret id) and `iat`, signed"
                                    + " with `<secret id>||<secret key>`; accepted for 5 minutes"
                                    + " from its `iat`."))
                    .addSecuritySchemes(
                        "adminToken",
                        bearer("admin token")
                            .description(
                                "`schedule.admin-token`, for `/admin/**` only; unset, those"
                                    + " endpoints do not exist.")));
    CREDENTIALS.forEach(scheme -> docs.addSecurityItem(new SecurityRequirement().addList(scheme)));
    return docs;
  }

  /**
   * Groups operations by the feature folder that serves them, names them after their controller and
   * method ({@code scheduleCreate}) rather than springdoc's numbered defaults, and marks the admin
   * ones.
   */
  @Bean
  OperationCustomizer tagsByFeature() {
    return (operation, handler) -> {
      String controller = handler.getBeanType().getSimpleName().replace("Controller", "");
      String method = handler.getMethod().getName();
      operation.setOperationId(
          Character.toLowerCase(controller.charAt(0))
              + controller.substring(1)
              + Character.toUpperCase(method.charAt(0))
              + method.substring(1));
      String feature = handler.getBeanType().getPackageName();
      String tag =
          switch (feature.substring(feature.lastIndexOf('.') + 1)) {
            case "schedule" -> "Schedules";
            case "directory" -> "Directory";
            case "identity" -> "Administration";
            default -> null;
          };
      if (tag != null) {
        operation.setTags(List.of(tag));
      }
      if ("Administration".equals(tag)) {
        operation.setSecurity(List.of(new SecurityRequirement().addList("adminToken")));
      }
      return operation;
    };
  }

  /** Declares the problem+json answers every operation may give. */
  @Bean
  OpenApiCustomizer problemAnswersInDocs() {
    return docs -> {
      docs.getComponents()
          .addSchemas("FieldProblem", fieldProblem())
          .addSchemas(PROBLEM, problem());
      docs.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> addProblems(path, method, operation)));
    };
  }

  private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    problem(responses, "400", "bad_data: the request breaks a rule; `errors` names each field");
    problem(responses, "401", "missing_api_key, invalid_api_key or expired_token");
    if (path.contains("{")) {
      problem(responses, "404", "not_found: no such row for this team");
    }
    if (operation.getRequestBody() != null) {
      problem(responses, "413", "too_large: the body is over 1 MiB");
      problem(responses, "415", "unsupported_media_type: send application/json");
    }
    if (path.startsWith("/v1/schedule") && method != PathItem.HttpMethod.GET) {
      problem(responses, "409", "conflict: already sending or sent, or the local_id is taken");
    }
    if (operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName()))) {
      problem(responses, "412", "precondition_failed: If-Match is not the current rev");
    }
    problem(responses, "429", "rate_limited: too many requests; see Retry-After");
    problem(responses, "500", "internal_error: quote the request_id when you report it");
    problem(responses, "503", "unavailable: the database cannot be reached; see Retry-After");
  }

  private static void problem(ApiResponses responses, String status, String description) {
    if (responses.containsKey(status)) {
      return;
    }
    responses.addApiResponse(
        status,
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        ProblemResponses.MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
  }

  private static SecurityScheme bearer(String format) {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat(format);
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
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema().example("Bad Request"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty("detail", new StringSchema().description("What was wrong and how to fix it."))
        .addProperty("error_code", new StringSchema()._enum(codes))
        .addProperty(
            "errors",
            new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem")))
        .addProperty("request_id", new StringSchema())
        .required(List.of("type", "title", "status", "detail", "error_code", "request_id"));
  }

  private static Schema<?> fieldProblem() {
    return new ObjectSchema()
        .description("One thing wrong with one field.")
        .addProperty("field", new StringSchema().example("execute_at"))
        .addProperty("message", new StringSchema())
        .required(List.of("field", "message"));
  }
}
