package com.scheduleapi.schedule;

import java.util.List;
import java.util.function.Function;

/** Every parameter of {@link ScheduleWriter}'s insert: its name, SQL array type and value. */
final class InsertColumns {

  private InsertColumns() {}

  /** One column of the insert: its parameter, SQL array type and where its value comes from. */
  record Column(String name, String type, Function<ScheduleWriter.NewSchedule, Object> value) {}

  // Every parameter of INSERT.
  static final List<Column> ALL =
      List.of(
          new Column("team_id", "bigint", ScheduleWriter.NewSchedule::teamId),
          new Column("inbox_id", "bigint", s -> s.valid().inboxId()),
          new Column("user_id", "bigint", s -> s.valid().userId()),
          new Column("local_id", "text", s -> s.valid().localId()),
          new Column("request_hash", "text", s -> s.valid().requestHash()),
          new Column("execute_at", "text", s -> s.valid().executeAt().toInstant().toString()),
          new Column(
              "execute_offset", "int4", s -> s.valid().executeAt().getOffset().getTotalSeconds()),
          new Column("content", "text", ScheduleWriter.NewSchedule::content),
          new Column("phone_number", "text", s -> s.valid().phoneNumber()),
          new Column("targets", "text", ScheduleWriter.NewSchedule::targets),
          new Column("conversation_id", "bigint", s -> s.valid().conversationId()),
          new Column("list_id", "bigint", s -> s.valid().listId()),
          new Column("created_at", "text", s -> s.createdAt().toString()),
          // Send windows (CONTRACT §8): the plan and its inputs.
          new Column("due_at", "text", s -> s.valid().timing().due().toString()),
          new Column("expire_at", "text", s -> s.valid().timing().stored().expireAt()),
          new Column("local_time", "text", s -> s.valid().timing().stored().localTime()),
          new Column("send_past", "boolean", s -> s.valid().timing().sendPast()),
          new Column("missed", "boolean", s -> s.valid().timing().missed()),
          new Column("timezone", "text", s -> s.valid().timing().zone()),
          // Batches (CONTRACT §11).
          new Column("batch_id", "text", s -> s.valid().batchId()));
}
