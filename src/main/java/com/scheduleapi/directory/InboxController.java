package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InboxController {

  private final Inboxes inboxes;

  InboxController(Inboxes inboxes) {
    this.inboxes = inboxes;
  }

  @Operation(operationId = "createInbox", summary = "Create an inbox")
  @PostMapping("/v1/inboxes")
  InboxView create(Caller caller, @RequestBody Inboxes.NewInboxRequest request) {
    return inboxes.create(caller.teamId(), request);
  }

  @Operation(operationId = "listInboxes", summary = "List the team's inboxes")
  @GetMapping("/v1/inboxes")
  List<InboxView> list(Caller caller) {
    return inboxes.list(caller.teamId());
  }

  @Operation(operationId = "getInbox", summary = "Get an inbox")
  @GetMapping("/v1/inboxes/{id}")
  InboxView get(Caller caller, @PathVariable long id) {
    return inboxes.get(caller.teamId(), id);
  }
}
