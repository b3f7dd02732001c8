package com.scheduleapi.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A message to send at a quarter hour. {@link ScheduleWriter} inserts it; the API changes it only
 * while it is {@code scheduled}; the dispatcher moves it on through {@link DueSchedules} and {@link
 * ScheduleOutcomes}, under a lease.
 */
@Entity
class Schedule {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id", nullable = false)
  private long teamId;

  @Column(name = "inbox_id", nullable = false)
  private long inboxId;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(name = "local_id")
  private String localId;

  @Column(name = "request_hash", nullable = false)
  private String requestHash;

  @Column(name = "execute_at", nullable = false)
  private Instant executeAt;

  /** The client's UTC offset in seconds, so {@code execute} is shown as it was given. */
  @Column(name = "execute_offset", nullable = false)
  private int executeOffset;

  /** The normalised content object as JSON. */
  @Column(nullable = false)
  private String content;

  @Column(name = "phone_number")
  private String phoneNumber;

  /** The phones of a group message as a JSON array. */
  private String targets;

  @Column(name = "conversation_id")
  private Long conversationId;

  @Column(name = "list_id")
  private Long listId;

  private short status;

  private int rev;

  private int recipients;

  private int sent;

  private int failed;

  private int skipped;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** The send-window plan (CONTRACT §8). */
  @Embedded private PlannedTiming timing;

  /** Pause and resume act on a whole batch (CONTRACT §11). */
  @Column(name = "batch_id")
  private String batchId;

  /** When the row left the due queue: claimed (a list), settled (a single), or paused. */
  @Column(name = "dispatched_at")
  private Instant dispatchedAt;

  protected Schedule() {}

  /** The row as {@link ScheduleWriter} inserts it, to render its event without reading it back. */
  Schedule(long id, long teamId, ValidSchedule valid, String content, String targets, Instant now) {
    this.id = id;
    this.teamId = teamId;
    this.status = ScheduleStatus.SCHEDULED.code();
    this.rev = 1;
    this.createdAt = now;
    apply(valid, content, targets, now);
  }

  /** Replaces what the client asked for; only a schedule not yet claimed may change. */
  void replace(ValidSchedule valid, String content, String targets, Instant now) {
    requireScheduled("changed");
    apply(valid, content, targets, now);
    rev++;
  }

  void requireScheduled(String change) {
    if (status() != ScheduleStatus.SCHEDULED && status() != ScheduleStatus.PAUSED) {
      throw new ScheduleAlreadyDispatched(id, status(), change);
    }
  }

  private void apply(ValidSchedule valid, String content, String targets, Instant now) {
    this.inboxId = valid.inboxId();
    this.userId = valid.userId();
    if (valid.localId() != null) {
      this.localId = valid.localId();
    }
    this.requestHash = valid.requestHash();
    this.executeAt = valid.executeAt().toInstant();
    this.executeOffset = valid.executeAt().getOffset().getTotalSeconds();
    this.content = content;
    this.phoneNumber = valid.phoneNumber();
    this.targets = targets;
    this.conversationId = valid.conversationId();
    this.listId = valid.listId();
    this.recipients = 0;
    this.updatedAt = now;
    this.timing = new PlannedTiming(valid.timing());
    this.batchId = valid.batchId();
  }

  /**
   * Holds a schedule not yet claimed: it leaves the due queue until resumed. Answers whether it
   * changed (a paused schedule stays paused).
   */
  boolean pause(Instant now) {
    if (status() == ScheduleStatus.PAUSED) {
      return false;
    }
    requireScheduled("paused");
    status = ScheduleStatus.PAUSED.code();
    dispatchedAt = now;
    updatedAt = now;
    return true;
  }

  /** Puts a paused schedule back in the due queue; one whose time has passed is claimed at once. */
  boolean resume(Instant now) {
    if (status() == ScheduleStatus.SCHEDULED) {
      return false;
    }
    if (status() != ScheduleStatus.PAUSED) {
      throw new ScheduleAlreadyDispatched(id, status(), "resumed");
    }
    status = ScheduleStatus.SCHEDULED.code();
    dispatchedAt = null;
    updatedAt = now;
    return true;
  }

  String batchId() {
    return batchId;
  }

  Long id() {
    return id;
  }

  long teamId() {
    return teamId;
  }

  long inboxId() {
    return inboxId;
  }

  long userId() {
    return userId;
  }

  String localId() {
    return localId;
  }

  String requestHash() {
    return requestHash;
  }

  OffsetDateTime execute() {
    return executeAt.atOffset(ZoneOffset.ofTotalSeconds(executeOffset));
  }

  String content() {
    return content;
  }

  String phoneNumber() {
    return phoneNumber;
  }

  String targets() {
    return targets;
  }

  Long conversationId() {
    return conversationId;
  }

  Long listId() {
    return listId;
  }

  ScheduleStatus status() {
    return ScheduleStatus.ofCode(status);
  }

  int rev() {
    return rev;
  }

  /** The counts written when the schedule closed. */
  ScheduleViews.Counts counts() {
    return new ScheduleViews.Counts(recipients, sent, failed, skipped);
  }

  Instant expireAt() {
    return timing.expireAt();
  }

  LocalDateTime localTime() {
    return timing.localTime();
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
