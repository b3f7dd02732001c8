package com.scheduleapi.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names our types' schemas by their simple name (or their {@code @Schema(name)}), and refuses two
 * types under one name: swagger-core would otherwise keep one and describe the other's answers with
 * it, silently.
 *
 * <p>The names taken are kept JVM-wide: swagger-core's converters are ({@code
 * ModelConverters.getInstance()}), so the resolver that named a context's schemas may be another
 * context's. A type's name never depends on the context, so one registry is right for all.
 */
class SchemaNames extends io.swagger.v3.core.jackson.TypeNameResolver {

  private static final Map<String, Class<?>> TAKEN = new ConcurrentHashMap<>();

  @Override
  protected String nameForClass(Class<?> type, Set<Options> options) {
    String name = super.nameForClass(type, options);
    if (type.getName().startsWith("com.scheduleapi.")) {
      Class<?> owner = TAKEN.putIfAbsent(name, type);
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
  static Class<?> typeOf(String name) {
    return TAKEN.get(name);
  }
}
