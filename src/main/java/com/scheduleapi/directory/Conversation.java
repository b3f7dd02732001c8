package com.scheduleapi.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A thread between one inbox and one phone; scheduling into it sends to that phone. */
@Entity
class Conversation {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id", nullable = false)
  private long teamId;

  @Column(name = "inbox_id", nullable = false)
  private long inboxId;

  @Column(nullable = false)
  private String phone;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Conversation() {}

  Conversation(long teamId, long inboxId, String phone, Instant now) {
    this.teamId = teamId;
    this.inboxId = inboxId;
    this.phone = phone;
    this.createdAt = now;
  }

  ConversationView view() {
    return new ConversationView(id, inboxId, phone);
  }

  String phone() {
    return phone;
  }
}
