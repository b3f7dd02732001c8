package com.scheduleapi.inbound;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Twilio's webhook proves itself with Twilio's signature, not our credentials; its answers 403 (a
 * bad signature) and 404 (an unknown number) are documented like every other error.
 */
@Configuration(proxyBeanMethods = false)
class InboundDocs {

  static final String SIGNATURE = "twilioSignature";

  @Bean
  OpenApiCustomizer inboundInDocs() {
    return docs -> {
      docs.getComponents()
          .addSecuritySchemes(
              SIGNATURE,
              new SecurityScheme()
                  .type(SecurityScheme.Type.APIKEY)
                  .in(SecurityScheme.In.HEADER)
                  .name("X-Twilio-Signature")
                  .description(
                      "Twilio's request signature, made with the account's auth token"
                          + " (schedule.sender.twilio.auth-token)."))
          .addResponses(
              "Forbidden",
              new ApiResponse()
                  .description("The signature is missing or does not match (`forbidden`).")
                  .content(
                      new Content()
                          .addMediaType(
                              "application/problem+json",
                              new MediaType()
                                  .schema(new Schema<>().$ref("#/components/schemas/Problem")))));
      for (String path :
          List.of(InboundController.TWILIO_PATH, StatusCallbackController.PATH, "/v1/inbound")) {
        PathItem item = docs.getPaths().get(path);
        Operation post = item == null ? null : item.getPost();
        if (post == null) {
          continue;
        }
        if (path.equals(StatusCallbackController.PATH)) {
          // A signed callback without a MessageSid.
          post.getResponses()
              .addApiResponse("400", new ApiResponse().$ref("#/components/responses/BadRequest"));
        } else {
          post.getResponses()
              .addApiResponse("404", new ApiResponse().$ref("#/components/responses/NotFound"));
        }
        if (path.startsWith(InboundController.TWILIO_PATH)) {
          post.setSecurity(List.of(new SecurityRequirement().addList(SIGNATURE)));
          post.getResponses()
              .addApiResponse("403", new ApiResponse().$ref("#/components/responses/Forbidden"));
        }
      }
    };
  }
}
