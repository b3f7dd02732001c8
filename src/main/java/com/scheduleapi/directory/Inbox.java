package com.scheduleapi.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A sending number of a team. */
@Entity
class Inbox {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id", nullable = false)
  private long teamId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String phone;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Inbox() {}

  Inbox(long teamId, String name, String phone, Instant now) {
    this.teamId = teamId;
    this.name = name;
    this.phone = phone;
    this.createdAt = now;
  }

  InboxView view() {
    return new InboxView(id, name, phone);
  }
}
