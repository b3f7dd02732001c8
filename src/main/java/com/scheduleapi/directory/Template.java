package com.scheduleapi.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** Reusable message content; its text may hold {{first_name}} and {{last_name}}. */
@Entity
class Template {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id", nullable = false)
  private long teamId;

  @Column(nullable = false)
  private String title;

  /** The content object as JSON: {"text", "gallery"}. */
  @Column(nullable = false)
  private String content;

  @Column(name = "local_id")
  private String localId;

  @Column(nullable = false)
  private UUID uuid;

  @Column(nullable = false)
  private int rev;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Template() {}

  Template(long teamId, String title, String content, String localId, Instant now) {
    this.teamId = teamId;
    this.title = title;
    this.content = content;
    this.localId = localId;
    this.uuid = UUID.randomUUID();
    this.rev = 1;
    this.createdAt = now;
    this.updatedAt = now;
  }

  Long id() {
    return id;
  }

  String title() {
    return title;
  }

  String content() {
    return content;
  }

  String localId() {
    return localId;
  }

  UUID uuid() {
    return uuid;
  }

  int rev() {
    return rev;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
