package com.scheduleapi.schedule;

import com.scheduleapi.web.Times;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Shows a schedule as the API answers it; counts are live while it is being sent. */
@Component
class ScheduleViews {

  private static final TypeReference<List<String>> PHONES = new TypeReference<>() {};

  private final JsonMapper json;
  private final JdbcClient jdbc;

  ScheduleViews(JsonMapper json, JdbcClient jdbc) {
    this.json = json;
    this.jdbc = jdbc;
  }

  ScheduledView view(Schedule s) {
    ObjectNode content = (ObjectNode) json.readTree(s.content());
    if (s.phoneNumber() != null) {
      content.put("to", s.phoneNumber());
    }
    List<String> targets = s.targets() == null ? null : json.readValue(s.targets(), PHONES);
    Counts counts =
        s.status() == ScheduleStatus.SENDING
            ? live(s)
            : new Counts(s.recipients(), s.sent(), s.failed(), s.skipped());
    return new ScheduledView(
        s.id(),
        ExecuteAtRules.format(s.execute().toInstant(), s.execute().getOffset()),
        s.inboxId(),
        s.localId(),
        s.userId(),
        Times.utc(s.createdAt()),
        Times.utc(s.updatedAt()),
        s.rev(),
        new ScheduledView.Meta(
            s.status().apiName(),
            content,
            s.phoneNumber(),
            targets,
            s.conversationId(),
            s.listId(),
            counts.recipients(),
            counts.sent(),
            counts.failed(),
            counts.skipped()));
  }

  String targets(List<String> targets) {
    return targets == null ? null : json.writeValueAsString(targets);
  }

  private Counts live(Schedule s) {
    Counts counts =
        jdbc.sql(
                """
            select count(*), count(*) filter (where status = 1), count(*) filter (where status = 2),
                   count(*) filter (where status = 3)
            from delivery where schedule_id = ?
            """)
            .param(s.id())
            .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
            .single();
    // A single recipient's first attempt is kept on the schedule, not in a delivery row.
    return counts.recipients() == 0 && s.listId() == null ? new Counts(1, 0, 0, 0) : counts;
  }

  private record Counts(int recipients, int sent, int failed, int skipped) {}
}
