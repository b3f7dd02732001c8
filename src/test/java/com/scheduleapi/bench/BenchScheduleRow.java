package com.scheduleapi.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Benchmark only: a schedule row as the plain JPA peer of the create scenario writes it. */
@Entity
@Table(name = "schedule")
class BenchScheduleRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id")
  private long teamId;

  @Column(name = "inbox_id")
  private long inboxId;

  @Column(name = "user_id")
  private long userId;

  @Column(name = "request_hash")
  private String requestHash;

  @Column(name = "execute_at")
  private Instant executeAt;

  // The planned instant (send windows): the same as execute_at without a window or a local time.
  @Column(name = "due_at")
  private Instant dueAt;

  @Column(name = "execute_offset")
  private int executeOffset;

  @Column(name = "content")
  private String content;

  @Column(name = "phone_number")
  private String phoneNumber;

  protected BenchScheduleRow() {}

  BenchScheduleRow(
      long teamId,
      long inboxId,
      long userId,
      Instant executeAt,
      int executeOffset,
      String content,
      String phoneNumber) {
    this.teamId = teamId;
    this.inboxId = inboxId;
    this.userId = userId;
    this.requestHash = "bench-jpa";
    this.executeAt = executeAt;
    this.dueAt = executeAt;
    this.executeOffset = executeOffset;
    this.content = content;
    this.phoneNumber = phoneNumber;
  }

  Long id() {
    return id;
  }
}
