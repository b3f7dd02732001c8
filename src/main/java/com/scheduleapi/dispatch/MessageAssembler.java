package com.scheduleapi.dispatch;

import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.directory.DirectoryLookups.Contact;
import com.scheduleapi.directory.DirectoryLookups.ListPhone;
import com.scheduleapi.directory.DirectoryLookups.TeamPhone;
import com.scheduleapi.schedule.DueSchedules;
import com.scheduleapi.sms.OutgoingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what the sender gets for a batch of claimed deliveries, with a handful of look-ups per
 * batch: the schedules, their inboxes and templates, and recipients' names and opt-outs only when a
 * text needs them or a group message may hold an opted-out phone.
 */
@Component
class MessageAssembler {

  private final DueSchedules schedules;
  private final DirectoryLookups directory;
  private final JsonMapper json;

  MessageAssembler(DueSchedules schedules, DirectoryLookups directory, JsonMapper json) {
    this.schedules = schedules;
    this.directory = directory;
    this.json = json;
  }

  /** One entry per claimed delivery: a message to send, or an outcome decided here. */
  List<Prepared> prepare(List<Claimed> batch, String node) {
    Batch context = lookUp(batch);
    List<Prepared> prepared = new ArrayList<>(batch.size());
    for (Claimed claimed : batch) {
      prepared.add(prepare(claimed, context, node).expiringAt(expireAt(claimed, context)));
    }
    return prepared;
  }

  private Batch lookUp(List<Claimed> batch) {
    Map<Long, Message> messages = messages(batch);
    List<Long> inboxes = messages.values().stream().map(m -> m.row().inboxId()).toList();
    Map<Long, String> from = directory.inboxPhones(inboxes);
    // Read (or refreshed) while claiming, so hand-off knows each pace even with the database away.
    directory.paces(inboxes);
    Map<TeamPhone, Contact> contacts = Map.of();
    Map<ListPhone, Contact> listNames = Map.of();
    if (messages.values().stream().anyMatch(m -> m.row().group() || Placeholders.in(m.text()))) {
      contacts = directory.contacts(phonesOf(batch, messages));
    }
    if (messages.values().stream()
        .anyMatch(m -> m.row().listId() != null && Placeholders.in(m.text()))) {
      listNames =
          directory.listNames(
              batch.stream()
                  .filter(c -> messages.containsKey(c.scheduleId()))
                  .filter(c -> messages.get(c.scheduleId()).row().listId() != null)
                  .map(
                      c ->
                          new ListPhone(messages.get(c.scheduleId()).row().listId(), c.recipient()))
                  .toList());
    }
    return new Batch(messages, from, contacts, listNames);
  }

  /** Each schedule's row and content; a burst repeats one content many times: parse it once. */
  private Map<Long, Message> messages(List<Claimed> batch) {
    Map<Long, DueSchedules.Content> rows =
        schedules.contents(batch.stream().map(Claimed::scheduleId).distinct().toList());
    Map<String, JsonNode> parsed = new HashMap<>();
    rows.values().forEach(r -> parsed.computeIfAbsent(r.content(), json::readTree));
    Map<Long, JsonNode> templates =
        templates(
            parsed.values().stream()
                .filter(c -> c.has("template"))
                .map(c -> c.get("template").asLong())
                .distinct()
                .toList());
    Map<Long, Message> messages = new HashMap<>();
    rows.forEach(
        (id, row) -> {
          JsonNode content = parsed.get(row.content());
          JsonNode template =
              content.has("template") ? templates.get(content.get("template").asLong()) : null;
          messages.put(id, new Message(row, content, template));
        });
    return messages;
  }

  private Map<Long, JsonNode> templates(List<Long> ids) {
    Map<Long, JsonNode> templates = new HashMap<>();
    directory
        .templateContents(ids)
        .forEach((id, content) -> templates.put(id, json.readTree(content)));
    return templates;
  }

  private static List<TeamPhone> phonesOf(List<Claimed> batch, Map<Long, Message> messages) {
    return batch.stream()
        .filter(c -> messages.containsKey(c.scheduleId()))
        .flatMap(
            c ->
                Arrays.stream(c.recipient().split(","))
                    .map(p -> new TeamPhone(messages.get(c.scheduleId()).row().teamId(), p)))
        .toList();
  }

  private static Prepared prepare(Claimed claimed, Batch batch, String node) {
    Message message = batch.messages().get(claimed.scheduleId());
    if (message == null) {
      return Prepared.decided(Outcome.failed(claimed, "the schedule no longer exists"));
    }
    JsonNode content = message.content();
    if (content.has("template") && message.template() == null) {
      return Prepared.decided(
          Outcome.failed(
              claimed, "template " + content.get("template").asLong() + " no longer exists"));
    }
    DueSchedules.Content row = message.row();
    List<String> to = Arrays.asList(claimed.recipient().split(","));
    if (row.group()) {
      to = to.stream().filter(p -> !batch.contact(row.teamId(), p).optedOut()).toList();
      if (to.isEmpty()) {
        return Prepared.decided(Outcome.skipped(claimed, "every phone of the group has opted out"));
      }
    }
    String text = message.text();
    if (Placeholders.in(text)) {
      text = Placeholders.fill(text, row.group() ? Contact.NONE : batch.names(row, to.get(0)));
    }
    return Prepared.send(
        claimed,
        new OutgoingMessage(
            claimed.deliveryId(),
            claimed.scheduleId(),
            claimed.idempotencyKey(),
            row.inboxId(),
            batch.from().get(row.inboxId()),
            to,
            row.group(),
            text,
            content.get("attachments"),
            message.gallery(),
            row.userId(),
            node));
  }

  /** When the schedule's deliveries expire (see {@link Expiry}); null: never. */
  private static Instant expireAt(Claimed claimed, Batch batch) {
    Message message = batch.messages().get(claimed.scheduleId());
    return message == null ? null : message.row().timing().expireAt();
  }

  /** A schedule of the batch with its parsed content and template. */
  private record Message(DueSchedules.Content row, JsonNode content, JsonNode template) {

    String text() {
      if (content.hasNonNull("text")) {
        return content.get("text").asString();
      }
      return template != null && template.hasNonNull("text")
          ? template.get("text").asString()
          : null;
    }

    JsonNode gallery() {
      if (content.has("gallery")) {
        return content.get("gallery");
      }
      return template == null ? null : template.get("gallery");
    }
  }

  /** What was looked up for a batch. */
  private record Batch(
      Map<Long, Message> messages,
      Map<Long, String> from,
      Map<TeamPhone, Contact> contacts,
      Map<ListPhone, Contact> listNames) {

    Contact contact(long teamId, String phone) {
      return contacts.getOrDefault(new TeamPhone(teamId, phone), Contact.NONE);
    }

    /** A list's names for a phone win; a contact's fill in when the list gives none. */
    Contact names(DueSchedules.Content row, String phone) {
      Contact fromList =
          row.listId() == null ? null : listNames.get(new ListPhone(row.listId(), phone));
      if (fromList != null && !fromList.hasNoName()) {
        return fromList;
      }
      return Objects.requireNonNullElse(contact(row.teamId(), phone), Contact.NONE);
    }
  }
}
