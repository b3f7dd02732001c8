package com.scheduleapi.inbound;

import com.scheduleapi.dispatch.Receipt;
import com.scheduleapi.dispatch.Receipts;
import com.scheduleapi.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks (CONTRACT §13): the carrier's word on a message Twilio accepted. Only
 * final statuses move a delivery; the rest (queued, sending, sent, …) answer 200 and change
 * nothing, so callbacks out of order never move a delivery back.
 */
@RestController
@Tag(name = "inbound-controller")
class StatusCallbackController {

  static final String PATH = "/v1/inbound/twilio/status";

  /** Twilio's final statuses: its {@code failed} after acceptance also never reached the phone. */
  private static final Map<String, Boolean> FINAL =
      Map.of("delivered", true, "undelivered", false, "failed", false);

  private final TwilioRequests twilio;
  private final Receipts receipts;

  StatusCallbackController(TwilioRequests twilio, Receipts receipts) {
    this.twilio = twilio;
    this.receipts = receipts;
  }

  @Operation(
      operationId = "receiveTwilioStatus",
      summary = "Twilio's status callback (delivery receipts)",
      description =
          "Each message sent through Twilio names this URL as its StatusCallback when"
              + " schedule.public-url is set. Signed by Twilio (X-Twilio-Signature, checked with"
              + " the account's auth token): a bad or missing signature answers 403. MessageStatus"
              + " delivered moves the delivery with that MessageSid from sent to delivered;"
              + " undelivered (or failed) to undelivered, with ErrorCode as its error. The first"
              + " of these wins; other statuses, and an unknown MessageSid, change nothing.",
      responses = @ApiResponse(responseCode = "200", description = "Taken."))
  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Void> status(
      HttpServletRequest request,
      @Parameter(hidden = true) @RequestHeader(name = "X-Twilio-Signature", required = false)
          String signed) {
    twilio.verify(request, signed);
    String sid = request.getParameter("MessageSid");
    if (sid == null || sid.isBlank()) {
      throw InvalidRequest.of("MessageSid", "is required: Twilio's id of the message (SM…)");
    }
    String status = request.getParameter("MessageStatus");
    Boolean delivered = status == null ? null : FINAL.get(status.toLowerCase(Locale.ROOT));
    if (delivered != null) {
      String code = request.getParameter("ErrorCode");
      receipts.record(
          new Receipt(sid.trim(), delivered, code == null || code.isBlank() ? null : code));
    }
    return ResponseEntity.ok().build();
  }
}
