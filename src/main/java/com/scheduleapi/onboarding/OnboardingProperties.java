package com.scheduleapi.onboarding;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The team a fresh installation starts with.
 *
 * @param bootstrap the key the team {@code default} gets at start-up
 * @param dataDir where a generated bootstrap key is written when none is configured
 */
@ConfigurationProperties("schedule")
record OnboardingProperties(
    @DefaultValue Bootstrap bootstrap, @DefaultValue("./data") Path dataDir) {

  /**
   * @param apiKey the API key of the team {@code default}; unset on a fresh database, one is made
   */
  record Bootstrap(String apiKey) {}
}
