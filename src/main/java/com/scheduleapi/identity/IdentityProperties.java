package com.scheduleapi.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the service.
 *
 * @param adminToken bearer token for {@code /admin/**}; unset, those endpoints do not exist
 */
@ConfigurationProperties("schedule")
record IdentityProperties(String adminToken) {}
