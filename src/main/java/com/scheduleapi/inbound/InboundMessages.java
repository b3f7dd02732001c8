package com.scheduleapi.inbound;

import com.scheduleapi.directory.OptOuts;
import com.scheduleapi.directory.Phones;
import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.NotFound;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A message a recipient sent to one of our inboxes: STOP and its synonyms opt the sender out of the
 * inbox's team, START and its synonyms opt it back in; anything else changes nothing. An opt-out
 * stops every delivery not yet handed over, claimed ones included (the dispatcher looks again at
 * hand-off).
 */
@Service
class InboundMessages {

  static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
  static final Set<String> START = Set.of("START", "UNSTOP", "YES");

  private final OptOuts optOuts;

  InboundMessages(OptOuts optOuts) {
    this.optOuts = optOuts;
  }

  /**
   * Handles a message to the inbox number {@code to}, for the given team or (null) for every team
   * with an inbox on that number; an unknown number is a 404 and changes nothing.
   */
  Optional<Boolean> receive(Long teamId, String from, String to, String text) {
    FieldChecks checks = new FieldChecks();
    Optional<String> sender = phone(from, "from", checks);
    Optional<String> inbox = phone(to, "to", checks);
    checks.throwIfAny();
    List<Long> teams =
        optOuts.teamsWithInbox(inbox.orElseThrow()).stream()
            .filter(team -> teamId == null || team.equals(teamId))
            .toList();
    if (teams.isEmpty()) {
      throw new NotFound(
          "No inbox of "
              + (teamId == null ? "this service" : "your team")
              + " has the number "
              + to
              + "; see GET /v1/inboxes.");
    }
    String keyword = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    Optional<Boolean> optedOut =
        STOP.contains(keyword)
            ? Optional.of(true)
            : START.contains(keyword) ? Optional.of(false) : Optional.empty();
    optedOut.ifPresent(out -> teams.forEach(team -> optOuts.set(team, sender.orElseThrow(), out)));
    return optedOut;
  }

  private static Optional<String> phone(String raw, String field, FieldChecks checks) {
    if (raw == null || raw.isBlank()) {
      checks.reject(field, "is required: " + Phones.RULE);
      return Optional.empty();
    }
    Optional<String> phone = Phones.normalize(raw);
    if (phone.isEmpty()) {
      checks.reject(field, Phones.RULE);
    }
    return phone;
  }
}
