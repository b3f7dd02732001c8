package com.scheduleapi.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is set.
 *
 * @param dataDir where the database files live; kept across restarts
 * @param port the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("schedule.embedded-db")
public record EmbeddedDbProperties(
    @DefaultValue("./data/postgres") Path dataDir, @DefaultValue("0") int port) {}
