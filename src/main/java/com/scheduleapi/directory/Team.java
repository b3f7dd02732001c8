package com.scheduleapi.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A customer of the service; every other row belongs to one. */
@Entity
class Team {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Team() {}

  Team(String name, Instant now) {
    this.name = name;
    this.createdAt = now;
  }

  Long id() {
    return id;
  }

  String name() {
    return name;
  }
}
