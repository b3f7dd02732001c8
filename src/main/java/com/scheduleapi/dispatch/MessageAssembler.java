package com.scheduleapi.dispatch;

import com.scheduleapi.sms.OutgoingMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what the sender gets for a batch of claimed deliveries, with a handful of queries per
 * batch: the schedules and inboxes, the templates, and recipients' names and opt-outs only when a
 * text needs them or a group message may hold an opted-out phone.
 */
@Component
class MessageAssembler {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(first_name|last_name)\\s*}}");

  private final JdbcClient jdbc;
  private final JsonMapper json;

  MessageAssembler(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** One entry per claimed delivery: a message to send, or an outcome decided here. */
  List<Prepared> prepare(List<Deliveries.Claimed> batch, String node) {
    Map<Long, ScheduleRow> schedules = schedules(batch);
    Map<Long, JsonNode> templates = templates(schedules.values());
    boolean needsContacts =
        schedules.values().stream().anyMatch(s -> s.group() || mentionsNames(s, templates));
    Map<String, Names> contacts = needsContacts ? contacts(batch, schedules) : Map.of();
    Map<String, Names> listNames =
        schedules.values().stream().anyMatch(s -> s.listId() != null && mentionsNames(s, templates))
            ? listNames(batch, schedules)
            : Map.of();
    List<Prepared> prepared = new ArrayList<>(batch.size());
    for (Deliveries.Claimed claimed : batch) {
      ScheduleRow schedule = schedules.get(claimed.scheduleId());
      prepared.add(prepare(claimed, schedule, templates, contacts, listNames, node));
    }
    return prepared;
  }

  private Prepared prepare(
      Deliveries.Claimed claimed,
      ScheduleRow schedule,
      Map<Long, JsonNode> templates,
      Map<String, Names> contacts,
      Map<String, Names> listNames,
      String node) {
    if (schedule == null) {
      return Prepared.failed(claimed, "the schedule no longer exists");
    }
    JsonNode content = schedule.content();
    JsonNode template = null;
    if (content.has("template")) {
      template = templates.get(content.get("template").asLong());
      if (template == null) {
        return Prepared.failed(
            claimed, "template " + content.get("template").asLong() + " no longer exists");
      }
    }
    List<String> to = Arrays.asList(claimed.recipient().split(","));
    if (schedule.group()) {
      to =
          to.stream()
              .filter(p -> !contacts.getOrDefault(key(schedule.teamId(), p), Names.NONE).optedOut())
              .toList();
      if (to.isEmpty()) {
        return Prepared.skipped(claimed, "every phone of the group has opted out");
      }
    }
    String text = text(content, template);
    if (text != null && PLACEHOLDER.matcher(text).find()) {
      String phone = to.get(0);
      Names names =
          schedule.group()
              ? Names.NONE
              : listNames.getOrDefault(
                  schedule.listId() + "/" + phone,
                  contacts.getOrDefault(key(schedule.teamId(), phone), Names.NONE));
      if (schedule.listId() != null && names.isBlank()) {
        names = contacts.getOrDefault(key(schedule.teamId(), phone), Names.NONE);
      }
      text = render(text, names);
    }
    JsonNode gallery =
        content.has("gallery")
            ? content.get("gallery")
            : template == null ? null : template.get("gallery");
    return Prepared.send(
        claimed,
        new OutgoingMessage(
            claimed.id(),
            claimed.scheduleId(),
            claimed.idempotencyKey(),
            schedule.inboxId(),
            schedule.from(),
            to,
            schedule.group(),
            text,
            content.get("attachments"),
            gallery,
            schedule.userId(),
            node));
  }

  private static String text(JsonNode content, JsonNode template) {
    if (content.hasNonNull("text")) {
      return content.get("text").asString();
    }
    return template != null && template.hasNonNull("text") ? template.get("text").asString() : null;
  }

  static String render(String text, Names names) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = matcher.group(1).equals("first_name") ? names.first() : names.last();
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private boolean mentionsNames(ScheduleRow schedule, Map<Long, JsonNode> templates) {
    JsonNode template =
        schedule.content().has("template")
            ? templates.get(schedule.content().get("template").asLong())
            : null;
    String text = text(schedule.content(), template);
    return text != null && PLACEHOLDER.matcher(text).find();
  }

  private Map<Long, ScheduleRow> schedules(List<Deliveries.Claimed> batch) {
    long[] ids = batch.stream().mapToLong(Deliveries.Claimed::scheduleId).distinct().toArray();
    Map<Long, ScheduleRow> rows = new HashMap<>();
    // A burst or a campaign repeats one content many times: parse (and hold) each text once.
    Map<String, JsonNode> contents = new HashMap<>();
    jdbc.sql(
            """
            select s.id, s.team_id, s.inbox_id, s.user_id, s.content, s.list_id,
                   s.targets is not null, i.phone
            from schedule s join inbox i on i.id = s.inbox_id where s.id = any(?)
            """)
        .param(ids)
        .query(
            rs -> {
              Long listId = rs.getObject(6, Long.class);
              rows.put(
                  rs.getLong(1),
                  new ScheduleRow(
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      contents.computeIfAbsent(rs.getString(5), json::readTree),
                      listId,
                      rs.getBoolean(7),
                      rs.getString(8)));
            });
    return rows;
  }

  private Map<Long, JsonNode> templates(Iterable<ScheduleRow> schedules) {
    Set<Long> ids = new HashSet<>();
    schedules.forEach(
        s -> {
          if (s.content().has("template")) {
            ids.add(s.content().get("template").asLong());
          }
        });
    Map<Long, JsonNode> templates = new HashMap<>();
    if (!ids.isEmpty()) {
      jdbc.sql("select id, content from template where id = any(?)")
          .param(ids.stream().mapToLong(Long::longValue).toArray())
          .query(
              rs -> {
                templates.put(rs.getLong(1), json.readTree(rs.getString(2)));
              });
    }
    return templates;
  }

  private Map<String, Names> contacts(
      List<Deliveries.Claimed> batch, Map<Long, ScheduleRow> schedules) {
    List<Long> teams = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (Deliveries.Claimed claimed : batch) {
      ScheduleRow schedule = schedules.get(claimed.scheduleId());
      if (schedule != null) {
        for (String phone : claimed.recipient().split(",")) {
          teams.add(schedule.teamId());
          phones.add(phone);
        }
      }
    }
    Map<String, Names> contacts = new HashMap<>();
    jdbc.sql(
            """
            select c.team_id, c.phone, c.first_name, c.last_name, c.opted_out
            from contact c join unnest(?::bigint[], ?::text[]) as u(team_id, phone)
              on c.team_id = u.team_id and c.phone = u.phone
            """)
        .params(teams.stream().mapToLong(Long::longValue).toArray(), phones.toArray(String[]::new))
        .query(
            rs -> {
              contacts.put(
                  key(rs.getLong(1), rs.getString(2)),
                  new Names(rs.getString(3), rs.getString(4), rs.getBoolean(5)));
            });
    return contacts;
  }

  private Map<String, Names> listNames(
      List<Deliveries.Claimed> batch, Map<Long, ScheduleRow> schedules) {
    List<Long> lists = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (Deliveries.Claimed claimed : batch) {
      ScheduleRow schedule = schedules.get(claimed.scheduleId());
      if (schedule != null && schedule.listId() != null) {
        lists.add(schedule.listId());
        phones.add(claimed.recipient());
      }
    }
    Map<String, Names> names = new HashMap<>();
    jdbc.sql(
            """
            select p.list_id, p.phone, p.first_name, p.last_name
            from contact_list_phone p join unnest(?::bigint[], ?::text[]) as u(list_id, phone)
              on p.list_id = u.list_id and p.phone = u.phone
            """)
        .params(lists.stream().mapToLong(Long::longValue).toArray(), phones.toArray(String[]::new))
        .query(
            rs -> {
              names.put(
                  rs.getLong(1) + "/" + rs.getString(2),
                  new Names(rs.getString(3), rs.getString(4), false));
            });
    return names;
  }

  private static String key(long teamId, String phone) {
    return teamId + "/" + phone;
  }

  private record ScheduleRow(
      long teamId,
      long inboxId,
      long userId,
      JsonNode content,
      Long listId,
      boolean group,
      String from) {}

  record Names(String first, String last, boolean optedOut) {
    static final Names NONE = new Names(null, null, false);

    boolean isBlank() {
      return (first == null || first.isBlank()) && (last == null || last.isBlank());
    }
  }

  /** A delivery ready to hand over, or one whose outcome is already known. */
  record Prepared(Deliveries.Claimed claimed, OutgoingMessage message, Deliveries.Outcome outcome) {

    static Prepared send(Deliveries.Claimed claimed, OutgoingMessage message) {
      return new Prepared(claimed, message, null);
    }

    static Prepared failed(Deliveries.Claimed claimed, String error) {
      return new Prepared(claimed, null, claimed.outcome(2, error, null, null, null));
    }

    static Prepared skipped(Deliveries.Claimed claimed, String reason) {
      return new Prepared(claimed, null, claimed.outcome(3, reason, null, null, null));
    }
  }
}
