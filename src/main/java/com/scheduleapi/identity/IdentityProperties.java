package com.scheduleapi.identity;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the service.
 *
 * @param adminToken bearer token for {@code /admin/**}; unset, those endpoints do not exist
 * @param bootstrap the key the team {@code default} gets at start-up
 * @param dataDir where a generated bootstrap key is written when none is configured
 */
@ConfigurationProperties("schedule")
public record IdentityProperties(
    String adminToken, @DefaultValue Bootstrap bootstrap, @DefaultValue("./data") Path dataDir) {

  /**
   * @param apiKey the API key of the team {@code default}; unset on a fresh database, one is made
   */
  public record Bootstrap(String apiKey) {}
}
