package com.scheduleapi.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named set of phones for broadcasts; its phones live in contact_list_phone. */
@Entity
@Table(name = "contact_list")
class ContactList {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id", nullable = false)
  private long teamId;

  @Column(nullable = false)
  private String title;

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

  protected ContactList() {}

  ContactList(long teamId, String title, String localId, Instant now) {
    this.teamId = teamId;
    this.title = title;
    this.localId = localId;
    this.uuid = UUID.randomUUID();
    this.rev = 1;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void changed(Instant now) {
    rev++;
    updatedAt = now;
  }

  Long id() {
    return id;
  }

  String title() {
    return title;
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
