package com.scheduleapi.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where clients reach this service.
 *
 * @param publicUrl the service's address as clients see it (https://sms.example.org); unset, the
 *     OpenAPI document names its server relative to where it was fetched from
 */
@ConfigurationProperties("schedule")
record PublicUrlProperties(URI publicUrl) {}
