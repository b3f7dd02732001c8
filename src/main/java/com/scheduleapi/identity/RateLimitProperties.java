package com.scheduleapi.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requestsPerMinute requests one key may make a minute on this node; 0 turns the limit off
 */
@ConfigurationProperties("schedule.rate-limit")
public record RateLimitProperties(@DefaultValue("500") int requestsPerMinute) {}
