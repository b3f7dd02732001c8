package com.scheduleapi.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a message may be scheduled.
 *
 * @param minLead how far ahead of now execute_at must be at least (exactly this much is accepted)
 * @param granularity execute_at must be a whole multiple of this since the epoch
 * @param maxHorizon how far ahead execute_at may be at most
 */
@ConfigurationProperties("schedule.rules")
public record RulesProperties(
    @DefaultValue("PT15M") Duration minLead,
    @DefaultValue("PT15M") Duration granularity,
    @DefaultValue("P365D") Duration maxHorizon) {}
