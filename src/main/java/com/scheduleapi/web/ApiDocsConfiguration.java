package com.scheduleapi.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * What {@code /v3/api-docs} and {@code /swagger-ui.html} tell a client beyond the controllers'
 * signatures: what the API is for, where it is, and how to prove a team. The document is the
 * contract clients generate code from, so {@code docs/openapi.yaml} keeps a reviewed copy.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  /** The version of the API contract (not of the build): the snapshot must not change per build. */
  static final String API_VERSION = "1.0.0";

  static final List<String> TEAM_CREDENTIALS = List.of("apiKey", "basic", "jwt");
  static final String ADMIN_CREDENTIALS = "adminToken";

  static {
    SpringDocUtils.getConfig()
        // Free-form parts are described where they are used (ContentSchemas); elsewhere any JSON.
        .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value."));
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
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE),
            new SchemaNames())
        .openapi31(mappers.isOpenapi31());
  }

  @Bean
  OpenAPI scheduleApiDocs(PublicUrlProperties properties) {
    OpenAPI docs =
        new OpenAPI()
            .info(
                new Info()
                    .title("Schedule API")
                    .version(API_VERSION)
                    .license(
                        new License()
                            .name("Apache-2.0")
                            .url("https://www.apache.org/licenses/LICENSE-2.0"))
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
            .servers(List.of(server(properties)))
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
                        ADMIN_CREDENTIALS,
                        bearer("admin token")
                            .description(
                                "`schedule.admin-token`, for `/admin/**` only; unset, those"
                                    + " endpoints do not exist.")));
    TEAM_CREDENTIALS.forEach(
        scheme -> docs.addSecurityItem(new SecurityRequirement().addList(scheme)));
    return docs;
  }

  /**
   * {@code schedule.public-url} when the operator set it; else a URL relative to the document, so
   * that it names whichever host and port the client fetched it from (never a guessed localhost).
   */
  private static Server server(PublicUrlProperties properties) {
    if (properties.publicUrl() != null) {
      return new Server().url(properties.publicUrl().toString()).description("This service");
    }
    return new Server()
        .url("/")
        .description("The host that served this document (set schedule.public-url to name it)");
  }

  private static SecurityScheme bearer(String format) {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat(format);
  }
}
