package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConversationController {

  private final Conversations conversations;

  ConversationController(Conversations conversations) {
    this.conversations = conversations;
  }

  @PostMapping("/v1/conversation")
  ConversationView open(Caller caller, @RequestBody Conversations.ConversationRequest request) {
    return conversations.open(caller.teamId(), request);
  }
}
