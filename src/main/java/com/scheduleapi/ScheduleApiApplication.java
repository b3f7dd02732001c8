package com.scheduleapi;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Schedule API: queue SMS and MMS for a chosen quarter hour, sent by a clustered dispatcher.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScheduleApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ScheduleApiApplication.class, args);
  }

  /** "Now" for every rule and for the dispatcher; tests replace it to control time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
