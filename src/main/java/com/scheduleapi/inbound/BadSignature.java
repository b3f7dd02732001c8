package com.scheduleapi.inbound;

import com.scheduleapi.web.ApiException;
import org.springframework.http.HttpStatus;

/** A provider's webhook call whose signature is missing or does not match. */
class BadSignature extends ApiException {

  BadSignature() {
    super(
        HttpStatus.FORBIDDEN,
        "forbidden",
        "The X-Twilio-Signature header is missing or does not match this request; Twilio signs"
            + " with the account's auth token (schedule.sender.twilio.auth-token) over the URL it"
            + " called (schedule.public-url).");
  }
}
