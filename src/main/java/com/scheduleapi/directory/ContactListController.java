package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import com.scheduleapi.web.MayConflict;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ContactListController {

  private final ContactLists lists;

  ContactListController(ContactLists lists) {
    this.lists = lists;
  }

  @Operation(operationId = "createList", summary = "Create a contact list")
  @MayConflict
  @PostMapping("/v2/lists")
  ContactLists.Created create(Caller caller, @RequestBody ContactLists.CreateListRequest request) {
    return lists.create(caller.teamId(), request);
  }

  @Operation(operationId = "updateList", summary = "Add or remove phones of a contact list")
  @PutMapping("/v2/lists/{id}")
  ContactLists.ListView update(
      Caller caller, @PathVariable long id, @RequestBody ContactLists.UpdateListRequest request) {
    return lists.update(caller.teamId(), id, request);
  }

  @Operation(operationId = "getList", summary = "Get a contact list")
  @GetMapping("/v2/lists/{id}")
  ContactLists.ListView get(Caller caller, @PathVariable long id) {
    return lists.get(caller.teamId(), id);
  }

  @Operation(operationId = "deleteList", summary = "Delete a contact list")
  @DeleteMapping("/v2/lists/{id}")
  ContactLists.Deleted delete(Caller caller, @PathVariable long id) {
    return lists.delete(caller.teamId(), id);
  }
}
