package com.scheduleapi.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL 17 of our own when the operator names no database, so that {@code ./mvnw
 * spring-boot:run} works on a machine with nothing installed. The data directory survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDbProperties properties) throws IOException {
    Files.createDirectories(properties.dataDir());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(properties.dataDir())
            .setCleanDataDirectory(false)
            .setPort(properties.port())
            .setServerConfig("max_connections", "200")
            .start();
    log.info(
        "Embedded PostgreSQL on port {} with data in {}",
        postgres.getPort(),
        properties.dataDir().toAbsolutePath());
    return postgres;
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    String url = postgres.getJdbcUrl("postgres", "postgres");
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(url)
        .username("postgres")
        .password("")
        .build();
  }
}
