package com.scheduleapi.directory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a schedule may refer to, answered for one team only. */
@Service
public class Directory {

  private static final int CACHE_LIMIT = 100_000;

  private final Map<String, Boolean> knownInboxes = new ConcurrentHashMap<>();
  private final InboxRepository inboxes;
  private final ConversationRepository conversations;

  Directory(InboxRepository inboxes, ConversationRepository conversations) {
    this.inboxes = inboxes;
    this.conversations = conversations;
  }

  /**
   * Inboxes never move between teams and are never deleted, so a yes can be remembered. No
   * transaction here: a remembered answer must not cost one.
   */
  public boolean hasInbox(long teamId, long inboxId) {
    String key = teamId + "/" + inboxId;
    if (knownInboxes.containsKey(key)) {
      return true;
    }
    boolean found = inboxes.findInTeam(teamId, inboxId).isPresent();
    if (found) {
      if (knownInboxes.size() > CACHE_LIMIT) {
        knownInboxes.clear();
      }
      knownInboxes.put(key, Boolean.TRUE);
    }
    return found;
  }

  /** The phone of the team's conversation, if the conversation is the team's. */
  @Transactional(readOnly = true)
  public Optional<String> conversationPhone(long teamId, long conversationId) {
    return conversations.findInTeam(teamId, conversationId).map(Conversation::phone);
  }
}
