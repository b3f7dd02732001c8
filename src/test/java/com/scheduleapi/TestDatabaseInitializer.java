package com.scheduleapi;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points every test application context at the JVM's one {@link TestDatabase}. */
public class TestDatabaseInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (context.getEnvironment().containsProperty("schedule.test.own-datasource")) {
      return;
    }
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "testDatabase",
                Map.of(
                    "spring.datasource.url", TestDatabase.url(),
                    "spring.datasource.username", TestDatabase.username(),
                    "spring.datasource.password", TestDatabase.password())));
  }
}
