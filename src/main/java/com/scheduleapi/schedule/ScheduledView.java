package com.scheduleapi.schedule;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The Scheduled object of the seed, with the revision and the delivery summary. */
record ScheduledView(
    long id,
    String execute,
    long inboxId,
    String localId,
    long userId,
    String created,
    String updated,
    int rev,
    Meta meta) {

  record Meta(
      String status,
      JsonNode content,
      String phoneNumber,
      List<String> targets,
      Long conversationId,
      Long listId,
      int recipients,
      int sent,
      int failed,
      int skipped) {}
}
