package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.NotFound;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sending numbers of a team. */
@Service
class Inboxes {

  private final InboxRepository inboxes;
  private final Clock clock;

  Inboxes(InboxRepository inboxes, Clock clock) {
    this.inboxes = inboxes;
    this.clock = clock;
  }

  @Transactional
  InboxView create(long teamId, NewInboxRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request.name() == null || request.name().isBlank()) {
      checks.reject("name", "is required: a name for the inbox");
    }
    Optional<String> phone = Phones.normalize(request.phone());
    if (phone.isEmpty()) {
      checks.reject("phone", Phones.RULE);
    }
    checks.throwIfAny();
    return inboxes
        .save(new Inbox(teamId, request.name().trim(), phone.get(), clock.instant()))
        .view();
  }

  @Transactional(readOnly = true)
  List<InboxView> list(long teamId) {
    return inboxes.findByTeam(teamId).stream().map(Inbox::view).toList();
  }

  @Transactional(readOnly = true)
  InboxView get(long teamId, long id) {
    return inboxes
        .findInTeam(teamId, id)
        .map(Inbox::view)
        .orElseThrow(() -> new NotFound("inbox", id));
  }

  record NewInboxRequest(String name, String phone) {}
}
