package com.scheduleapi.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A person of a team; messages are sent as one of them, the owner by default. */
@Entity
class Member {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "team_id", nullable = false)
  private long teamId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String email;

  @Column(nullable = false)
  private boolean owner;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Member() {}

  Member(long teamId, String name, String email, boolean owner, Instant now) {
    this.teamId = teamId;
    this.name = name;
    this.email = email;
    this.owner = owner;
    this.createdAt = now;
  }

  MemberView view() {
    return new MemberView(id, name, email, owner);
  }

  Long id() {
    return id;
  }
}
