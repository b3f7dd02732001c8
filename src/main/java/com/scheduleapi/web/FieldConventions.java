package com.scheduleapi.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's naming conventions, written into the document so that every field that follows them is
 * typed the same way, including the fields of endpoints still to come: {@code created}, {@code
 * updated}, {@code execute} and every {@code *_at} are RFC 3339 instants; {@code phone}, {@code
 * phone_number} and lists of {@code phones} are E.164 numbers. And a field of ours that Java lets
 * be null (a {@code Long}, not a {@code long}) is answered as {@code null} when unset, so its
 * schema admits null.
 */
@Configuration(proxyBeanMethods = false)
class FieldConventions {

  private static final Set<String> INSTANTS = Set.of("created", "updated", "execute");
  private static final Set<String> PHONES = Set.of("phone", "phone_number");
  private static final Set<String> PHONE_LISTS =
      Set.of("phones", "add_phones", "remove_phones", "targets");

  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  @Bean
  OpenApiCustomizer fieldConventionsInDocs() {
    return docs -> {
      docs.getComponents().getSchemas().values().forEach(FieldConventions::properties);
      docs.getComponents()
          .getSchemas()
          .forEach((name, schema) -> nullable(SchemaNames.typeOf(name), schema));
      docs.getPaths().values().stream()
          .flatMap(item -> item.readOperations().stream())
          .filter(operation -> operation.getParameters() != null)
          .flatMap(operation -> operation.getParameters().stream())
          .forEach(FieldConventions::parameter);
    };
  }

  private static void properties(Schema<?> schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties == null) {
      return;
    }
    properties.forEach(FieldConventions::field);
  }

  private static void nullable(Class<?> type, Schema<?> schema) {
    if (type == null || !type.isRecord() || schema.getProperties() == null) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String name = SNAKE_CASE.translate(component.getName());
      Schema<?> property = schema.getProperties().get(name);
      boolean required = schema.getRequired() != null && schema.getRequired().contains(name);
      if (component.getType().isPrimitive() || property == null || required) {
        continue;
      }
      if (property.get$ref() != null || property.getOneOf() != null) {
        continue; // a reference cannot take a sibling type; ours are never null
      }
      Set<String> types = new LinkedHashSet<>();
      if (property.getTypes() != null) {
        types.addAll(property.getTypes());
      } else if (property.getType() != null) {
        types.add(property.getType());
      }
      if (!types.isEmpty()) {
        types.add("null");
        property.setTypes(types);
      }
    }
  }

  private static void parameter(Parameter parameter) {
    if (parameter.getSchema() != null && !"header".equals(parameter.getIn())) {
      field(parameter.getName(), parameter.getSchema());
    }
  }

  private static void field(String name, Schema<?> schema) {
    if (isString(schema) && (INSTANTS.contains(name) || name.endsWith("_at"))) {
      if (schema.getFormat() == null) {
        schema.setFormat("date-time");
      }
      if (schema.getDescription() == null) {
        schema.setDescription("RFC 3339, in UTC.");
      }
    } else if (isString(schema) && PHONES.contains(name)) {
      phone(schema);
    } else if (PHONE_LISTS.contains(name)
        && schema.getItems() != null
        && isString(schema.getItems())) {
      phone(schema.getItems());
    }
  }

  private static void phone(Schema<?> schema) {
    if (schema.getPattern() == null) {
      schema.setPattern(ContentSchemas.PHONE_PATTERN);
    }
    if (schema.getDescription() == null) {
      schema.setDescription(ContentSchemas.PHONE_RULE);
    }
  }

  private static boolean isString(Schema<?> schema) {
    return schema.get$ref() == null
        && ("string".equals(schema.getType())
            || (schema.getTypes() != null && schema.getTypes().contains("string")));
  }
}
