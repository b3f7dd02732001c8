package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** One conversation per inbox and phone: asking again answers the same one. */
@Service
class Conversations {

  private final InboxRepository inboxes;
  private final ConversationRepository conversations;
  private final JdbcClient jdbc;

  Conversations(InboxRepository inboxes, ConversationRepository conversations, JdbcClient jdbc) {
    this.inboxes = inboxes;
    this.conversations = conversations;
    this.jdbc = jdbc;
  }

  @Transactional
  ConversationView open(long teamId, ConversationRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request.inboxId() == null) {
      checks.reject("inbox_id", "is required: one of your inbox ids");
    } else if (inboxes.findInTeam(teamId, request.inboxId()).isEmpty()) {
      checks.reject("inbox_id", "is not one of your inboxes; list them with GET /v1/inboxes");
    }
    Optional<String> phone = Phones.normalize(request.phoneNumber());
    if (phone.isEmpty()) {
      checks.reject("phone_number", Phones.RULE);
    }
    checks.throwIfAny();
    jdbc.sql(
            """
            insert into conversation (team_id, inbox_id, phone) values (?, ?, ?)
            on conflict (inbox_id, phone) do nothing
            """)
        .params(teamId, request.inboxId(), phone.get())
        .update();
    return conversations.findByInboxAndPhone(request.inboxId(), phone.get()).orElseThrow().view();
  }

  record ConversationRequest(Long inboxId, String phoneNumber) {}
}
