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

  /** An IANA zone id; null: recipients without another zone go by UTC. */
  private String timezone;

  /** The send window as {@link SendWindow#stored()} writes it; null: any time. */
  @Column(name = "send_window")
  private String sendWindow;

  /** Deliveries handed over a second at most, across nodes; null: unpaced. */
  private Integer mps;

  protected Inbox() {}

  Inbox(long teamId, String name, String phone, Instant now) {
    this.teamId = teamId;
    this.name = name;
    this.phone = phone;
    this.createdAt = now;
  }

  /** Applies the fields a create or PATCH gave; a field given as null is cleared. */
  void change(InboxChanges changes) {
    if (changes.gives(InboxChanges.NAME)) {
      this.name = changes.name();
    }
    if (changes.gives(InboxChanges.TIMEZONE)) {
      this.timezone = changes.timezone();
    }
    if (changes.gives(InboxChanges.SEND_WINDOW)) {
      this.sendWindow = changes.sendWindow() == null ? null : changes.sendWindow().stored();
    }
    if (changes.gives(InboxChanges.MPS)) {
      this.mps = changes.mps();
    }
  }

  InboxView view() {
    SendWindow window = SendWindow.ofStored(sendWindow);
    return new InboxView(id, name, phone, timezone, window == null ? null : window.json(), mps);
  }
}
