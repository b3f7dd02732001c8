package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

// Bodies are read as JSON trees: a PATCH must tell a field left out from one given as null.
@RestController
class InboxController {

  private final Inboxes inboxes;

  InboxController(Inboxes inboxes) {
    this.inboxes = inboxes;
  }

  @Operation(operationId = "createInbox", summary = "Create an inbox")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = Inboxes.NewInboxRequest.class)))
  @PostMapping("/v1/inboxes")
  InboxView create(Caller caller, @RequestBody JsonNode body) {
    return inboxes.create(caller.teamId(), body);
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

  @Operation(
      operationId = "changeInbox",
      summary = "Change an inbox's name, time zone, send window or pace",
      description =
          "A field left out stays as it is; a field given as null is cleared. Send windows hold"
              + " messages until they open; they never refuse them.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = Inboxes.InboxPatch.class)))
  @PatchMapping("/v1/inboxes/{id}")
  InboxView change(Caller caller, @PathVariable long id, @RequestBody JsonNode body) {
    return inboxes.change(caller.teamId(), id, body);
  }
}
