package com.scheduleapi.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/** How request bodies are read, beyond Spring Boot's defaults. */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  /** A number with a fraction is the wrong type for an id: 1.5 must not quietly become inbox 1. */
  @Bean
  JsonMapperBuilderCustomizer noFractionsForIntegers() {
    return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }
}
