package com.scheduleapi.schedule;

import com.scheduleapi.web.Times;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Shows a schedule as the API answers it; counts are live while it is being sent. */
@Component
class ScheduleViews {

  private static final TypeReference<List<String>> PHONES = new TypeReference<>() {};
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private final JsonMapper json;
  private final DeliveryLedger ledger;

  ScheduleViews(JsonMapper json, DeliveryLedger ledger) {
    this.json = json;
    this.ledger = ledger;
  }

  ScheduledView view(Schedule s) {
    ObjectNode content = (ObjectNode) json.readTree(s.content());
    if (s.phoneNumber() != null) {
      content.put("to", s.phoneNumber());
    }
    List<String> targets = s.targets() == null ? null : json.readValue(s.targets(), PHONES);
    Counts counts = s.status() == ScheduleStatus.SENDING ? live(s) : s.counts();
    return new ScheduledView(
        s.id(),
        ExecuteAtRules.format(s.execute().toInstant(), s.execute().getOffset()),
        s.inboxId(),
        s.localId(),
        s.userId(),
        Times.utc(s.createdAt()),
        Times.utc(s.updatedAt()),
        s.rev(),
        s.batchId(),
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
            counts.skipped()),
        s.expireAt() == null ? null : ExecuteAtRules.format(s.expireAt(), s.execute().getOffset()),
        s.localTime() == null ? null : LOCAL_TIME.format(s.localTime()));
  }

  String targets(List<String> targets) {
    return targets == null ? null : json.writeValueAsString(targets);
  }

  private Counts live(Schedule s) {
    ScheduleOutcomes.Tally tally = ledger.liveTally(s.id(), s.listId() != null);
    return new Counts(tally.total(), tally.sent(), tally.failed(), tally.skipped());
  }

  /** A schedule's deliveries by outcome. */
  record Counts(int recipients, int sent, int failed, int skipped) {}
}
