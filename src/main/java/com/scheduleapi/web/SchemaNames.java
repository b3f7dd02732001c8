package com.scheduleapi.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names our types' schemas by their simple name (or their {@code @Schema(name)}), and refuses two
 * types under one name: swagger-core would otherwise keep one and describe the other's answers with
 * it, silently.
 */
class SchemaNames extends io.swagger.v3.core.jackson.TypeNameResolver {

  private final Map<String, Class<?>> taken = new ConcurrentHashMap<>();

  @Override
  protected String nameForClass(Class<?> type, Set<Options> options) {
    String name = super.nameForClass(type, options);
    if (type.getName().startsWith("com.scheduleapi.")) {
      Class<?> owner = taken.putIfAbsent(name, type);
      if (owner != null && owner != type) {
        throw new IllegalStateException(
            "Two types are both the schema "
                + name
                + ": "
                + owner.getName()
                + " and "
                + type.getName()
                + "; give one of them @Schema(name = \"...\")");
      }
    }
    return name;
  }

  /** The type that became the schema of this name, if it is one of ours. */
  Class<?> typeOf(String name) {
    return taken.get(name);
  }
}
