package com.scheduleapi.directory;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a schedule may refer to, answered for one team only. */
@Service
public class Directory {

  private final InboxRepository inboxes;
  private final ConversationRepository conversations;

  Directory(InboxRepository inboxes, ConversationRepository conversations) {
    this.inboxes = inboxes;
    this.conversations = conversations;
  }

  @Transactional(readOnly = true)
  public boolean hasInbox(long teamId, long inboxId) {
    return inboxes.findInTeam(teamId, inboxId).isPresent();
  }

  /** The phone of the team's conversation, if the conversation is the team's. */
  @Transactional(readOnly = true)
  public Optional<String> conversationPhone(long teamId, long conversationId) {
    return conversations.findInTeam(teamId, conversationId).map(Conversation::phone);
  }
}
