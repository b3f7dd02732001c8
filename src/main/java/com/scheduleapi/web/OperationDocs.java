package com.scheduleapi.web;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Groups operations by the feature folder that serves them (a generated client gets one class per
 * tag), and gives each the credentials it takes. An operation whose {@code @Operation} names no
 * {@code operationId} is named after its controller and method ({@code scheduleCreate}), never
 * springdoc's numbered defaults.
 */
@Configuration(proxyBeanMethods = false)
class OperationDocs {

  @Bean
  OperationCustomizer tagsByFeature() {
    return (operation, handler) -> {
      io.swagger.v3.oas.annotations.Operation declared =
          handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
      if (declared == null || declared.operationId().isBlank()) {
        String controller = handler.getBeanType().getSimpleName().replace("Controller", "");
        String method = handler.getMethod().getName();
        operation.setOperationId(
            Character.toLowerCase(controller.charAt(0))
                + controller.substring(1)
                + Character.toUpperCase(method.charAt(0))
                + method.substring(1));
      }
      String feature = handler.getBeanType().getPackageName();
      String tag =
          switch (feature.substring(feature.lastIndexOf('.') + 1)) {
            case "schedule" -> "Schedules";
            case "directory" -> "Directory";
            default -> null;
          };
      if (tag != null) {
        operation.setTags(List.of(tag));
      }
      return operation;
    };
  }

  /** {@code /admin/**} takes the admin token, and only that, wherever its controller lives. */
  @Bean
  OpenApiCustomizer adminOperations() {
    return docs ->
        docs.getPaths().entrySet().stream()
            .filter(path -> path.getKey().startsWith("/admin/"))
            .flatMap(path -> path.getValue().readOperations().stream())
            .forEach(
                operation ->
                    operation
                        .tags(List.of("Administration"))
                        .security(
                            List.of(
                                new SecurityRequirement()
                                    .addList(ApiDocsConfiguration.ADMIN_CREDENTIALS))));
  }
}
