package com.scheduleapi.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than {@code schedule.events.keep-for}, a batch per statement and each in its
 * own transaction, so no lock is held long and writers of new events never wait on it.
 */
@Component
class EventCleanup {

  private static final Logger log = LoggerFactory.getLogger(EventCleanup.class);

  private final JdbcClient jdbc;
  private final EventsProperties properties;

  EventCleanup(JdbcClient jdbc, EventsProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** Answers how many events it deleted. */
  int run() {
    int total = 0;
    int deleted;
    do {
      deleted =
          jdbc.sql(
                  """
                  delete from event where id in (
                    select id from event where created_at < now() - :keep::interval
                    order by id limit :batch)
                  """)
              .param("keep", properties.keepFor().toMillis() + " milliseconds")
              .param("batch", properties.cleanupBatch())
              .update();
      total += deleted;
    } while (deleted == properties.cleanupBatch());
    // Retries of events no longer kept can never be sent.
    jdbc.sql(
            """
            delete from webhook_retry r
            where not exists (select 1 from event e where e.id = r.event_id)
            """)
        .update();
    if (total > 0) {
      log.info("Deleted {} events older than {}", total, properties.keepFor());
    }
    return total;
  }
}
