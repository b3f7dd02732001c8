package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConversationController {

  private final Conversations conversations;

  ConversationController(Conversations conversations) {
    this.conversations = conversations;
  }

  @Operation(
      operationId = "openConversation",
      summary = "Open a conversation",
      description = "The same inbox and phone answer the same conversation.")
  @PostMapping("/v1/conversation")
  ConversationView open(Caller caller, @RequestBody Conversations.ConversationRequest request) {
    return conversations.open(caller.teamId(), request);
  }
}
