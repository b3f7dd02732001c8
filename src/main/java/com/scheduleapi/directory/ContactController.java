package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
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

  @PutMapping("/v1/contacts/{phone}")
  Contacts.ContactView put(
      Caller caller, @PathVariable String phone, @RequestBody Contacts.ContactRequest request) {
    return contacts.put(caller.teamId(), phone, request);
  }
}
