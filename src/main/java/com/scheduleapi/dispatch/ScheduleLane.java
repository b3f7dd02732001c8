package com.scheduleapi.dispatch;

import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.directory.DirectoryLookups.TeamPhone;
import com.scheduleapi.schedule.DueSchedules;
import com.scheduleapi.schedule.ScheduleOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A single-recipient schedule (a phone, a conversation, a group message) as its own delivery: it is
 * leased, attempted and settled on the schedule row, two row writes per message. Claiming here also
 * fans lists out: a list's phones go into the queue in the claiming transaction, read then. A
 * single whose attempt is to be retried moves into the queue, keeping its id and key.
 */
@Component
class ScheduleLane implements Lane {

  private static final String OPTED_OUT = "opted out";

  private final DueSchedules due;
  private final ScheduleOutcomes outcomes;
  private final DeliveryQueue queue;
  private final WindowedFanOut fanOut;
  private final Settlement settlement;
  private final DirectoryLookups directory;
  private final TransactionTemplate transaction;
  private final DeliveryEvents events;
  private final GroupFanOut groups;
  private final HeldLeases held = new HeldLeases(Claimed::scheduleId);

  ScheduleLane(
      DueSchedules due,
      ScheduleOutcomes outcomes,
      DeliveryQueue queue,
      WindowedFanOut fanOut,
      Settlement settlement,
      DirectoryLookups directory,
      TransactionTemplate transaction,
      DeliveryEvents events,
      GroupFanOut groups) {
    this.groups = groups;
    this.due = due;
    this.outcomes = outcomes;
    this.queue = queue;
    this.fanOut = fanOut;
    this.settlement = settlement;
    this.directory = directory;
    this.transaction = transaction;
    this.events = events;
  }

  @Override
  public ClaimPage claim(ClaimRequest request) {
    ClaimPage page = transaction.execute(status -> claimInTransaction(request));
    held.claimed(page.leased(), request.node(), request.now(), request.lease());
    return page;
  }

  private ClaimPage claimInTransaction(ClaimRequest request) {
    List<DueSchedules.Claimed> rows = due.claim(claimOf(request));
    List<DueSchedules.Claimed> singles = rows.stream().filter(r -> r.listId() == null).toList();
    List<DueSchedules.Claimed> lists = rows.stream().filter(r -> r.listId() != null).toList();
    Set<Long> optedOut = optedOut(singles);
    // A single whose local time had passed when planned (without send_past) expires unsent.
    List<DueSchedules.Claimed> missed =
        singles.stream().filter(r -> r.localTimeMissed() && !optedOut.contains(r.id())).toList();
    outcomes.settle(
        Stream.concat(
                singles.stream().filter(r -> optedOut.contains(r.id())).map(ScheduleLane::skipped),
                missed.stream().map(r -> Expiry.unsent(r.id())))
            .toList(),
        request.node(),
        request.now());
    DeliveryQueue.Fanned fanned = fanOut.queue(lists, request.now());
    if (fanned.skipped() > 0) {
      events.skippedAtFanOut(lists.stream().map(DueSchedules.Claimed::id).toList());
    }
    // A list left without a pending delivery (all opted out, or empty) is done at once.
    settlement.finish(lists.stream().map(DueSchedules.Claimed::id).toList(), request.now());
    List<DueSchedules.Claimed> sendable =
        singles.stream().filter(r -> !optedOut.contains(r.id()) && !r.localTimeMissed()).toList();
    int split =
        groups.queue(
            sendable.stream().filter(groups::splits).toList(), request.node(), request.now());
    List<Claimed> leased =
        sendable.stream().filter(r -> !groups.splits(r)).map(this::claimed).toList();
    return new ClaimPage(
        rows.size(),
        fanned.deliveries() + split,
        optedOut.size() + fanned.skipped(),
        leased,
        Cursor.START,
        nextByInbox(request, rows),
        rows.size() == request.limit());
  }

  /**
   * Where each inbox's part of the claim ended: the next claim goes on from there, past what is
   * leased already (the rows stay in the due index until settled). {@link ClaimRounds} starts over
   * once per slot firing, which finds what came back behind a cursor (given back, taken over,
   * resumed).
   */
  private static Map<Long, Cursor> nextByInbox(
      ClaimRequest request, List<DueSchedules.Claimed> rows) {
    Map<Long, Cursor> next = new HashMap<>(request.inboxCursors());
    rows.forEach(r -> next.merge(r.inboxId(), new Cursor(r.due(), r.id()), Cursor::max));
    return next;
  }

  private static DueSchedules.Claim claimOf(ClaimRequest request) {
    return new DueSchedules.Claim(
        request.horizon(),
        request.now(),
        request.limit(),
        request.lease(),
        request.node(),
        request.inboxCursors().entrySet().stream()
            .map(
                e ->
                    new DueSchedules.InboxCursor(e.getKey(), e.getValue().due(), e.getValue().id()))
            .toList(),
        List.copyOf(request.skipInboxes()),
        request.takeover().allowed(),
        List.copyOf(request.takeover().liveNodes()));
  }

  /** Singles to a phone whose contact opted out: they are skipped, nothing is sent. */
  private Set<Long> optedOut(List<DueSchedules.Claimed> singles) {
    List<TeamPhone> phones =
        singles.stream()
            .filter(r -> r.phoneNumber() != null)
            .map(r -> new TeamPhone(r.teamId(), r.phoneNumber()))
            .toList();
    Map<TeamPhone, DirectoryLookups.Contact> contacts = directory.contacts(phones);
    return singles.stream()
        .filter(r -> r.phoneNumber() != null)
        .filter(
            r ->
                contacts
                    .getOrDefault(
                        new TeamPhone(r.teamId(), r.phoneNumber()), DirectoryLookups.Contact.NONE)
                    .optedOut())
        .map(DueSchedules.Claimed::id)
        .collect(Collectors.toSet());
  }

  private static ScheduleOutcomes.Settled skipped(DueSchedules.Claimed row) {
    return new ScheduleOutcomes.Settled(
        row.id(), new ScheduleOutcomes.Tally(row.id(), 1, 0, 0, 1), OPTED_OUT, null, null, false);
  }

  private Claimed claimed(DueSchedules.Claimed row) {
    return new Claimed(
        row.deliveryId(),
        row.id(),
        this,
        row.recipient(),
        row.idempotencyKey(),
        row.attempts(),
        row.due(),
        row.previousOwner());
  }

  @Override
  public int record(List<Outcome> results, String node, Instant now) {
    // One lock order for every writer: by id (a single's delivery id comes from its schedule's).
    List<Outcome> sorted =
        results.stream().sorted(Comparator.comparingLong(Outcome::scheduleId)).toList();
    List<Outcome> retries = sorted.stream().filter(o -> !o.isFinal()).toList();
    int settled =
        outcomes.settle(
            sorted.stream().filter(Outcome::isFinal).map(ScheduleLane::settled).toList(),
            node,
            now);
    int moved = retries.isEmpty() ? 0 : transaction.execute(s -> moveToQueue(retries, node, now));
    held.forget(results.stream().mapToLong(Outcome::scheduleId));
    return settled + moved;
  }

  /** Retries go through the queue like a list's phones: the single moves there, keeping its key. */
  private int moveToQueue(List<Outcome> retries, String node, Instant now) {
    List<ScheduleOutcomes.Moved> moved =
        outcomes.moveOut(retries.stream().map(Outcome::scheduleId).toList(), node, now);
    Map<Long, Outcome> bySchedule =
        retries.stream().collect(Collectors.toMap(Outcome::scheduleId, o -> o));
    queue.takeIn(moved, moved.stream().map(m -> bySchedule.get(m.scheduleId())).toList());
    return moved.size();
  }

  private static ScheduleOutcomes.Settled settled(Outcome outcome) {
    long id = outcome.scheduleId();
    DeliveryStatus status = outcome.status();
    ScheduleOutcomes.Tally tally =
        new ScheduleOutcomes.Tally(
            id,
            1,
            status == DeliveryStatus.SENT ? 1 : 0,
            status == DeliveryStatus.FAILED ? 1 : 0,
            status == DeliveryStatus.SKIPPED ? 1 : 0,
            status == DeliveryStatus.EXPIRED ? 1 : 0);
    return new ScheduleOutcomes.Settled(
        id,
        tally,
        outcome.error(),
        outcome.sentAt(),
        outcome.providerMessageId(),
        outcome.counted());
  }

  @Override
  public int renewLeases(String node, Instant now, Duration lease) {
    return held.renew(due::renewLeases, node, now, lease);
  }

  @Override
  public int release(List<Claimed> claimed, String node, Instant now) {
    int released = due.release(claimed.stream().map(Claimed::scheduleId).toList(), node, now);
    held.forget(claimed.stream().mapToLong(Claimed::scheduleId));
    return released;
  }
}
