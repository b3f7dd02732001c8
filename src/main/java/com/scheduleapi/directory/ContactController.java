package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ContactController {

  private final Contacts contacts;

  ContactController(Contacts contacts) {
    this.contacts = contacts;
  }

  @Operation(
      operationId = "putContact",
      summary = "Create or update a contact",
      description = "Opted-out phones are never sent to.")
  @PutMapping("/v1/contacts/{phone}")
  Contacts.ContactView put(
      Caller caller,
      @Parameter(description = "The contact's phone.") @PathVariable String phone,
      @RequestBody Contacts.ContactRequest request) {
    return contacts.put(caller.teamId(), phone, request);
  }
}
