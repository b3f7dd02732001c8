package com.scheduleapi.inbound;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Messages recipients send to our inboxes: STOP and START (CONTRACT §12). */
@RestController
class InboundController {

  static final String TWILIO_PATH = "/v1/inbound/twilio";

  private final InboundMessages messages;
  private final TwilioRequests twilio;

  InboundController(InboundMessages messages, TwilioRequests twilio) {
    this.messages = messages;
    this.twilio = twilio;
  }

  @Operation(
      operationId = "receiveTwilioMessage",
      summary = "Twilio's incoming-message webhook",
      description =
          "Point the number's incoming-message webhook here (HTTP POST). Signed by Twilio"
              + " (X-Twilio-Signature, checked with the account's auth token): a bad or missing"
              + " signature answers 403. STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT opt the"
              + " sender out of the team whose inbox has the To number; START, UNSTOP or YES opt"
              + " it back in. An unknown To answers 404.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "An empty TwiML answer.",
              content =
                  @Content(
                      mediaType = "application/xml",
                      schema = @Schema(type = "string", example = "<Response/>"))))
  @PostMapping(
      path = TWILIO_PATH,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_XML_VALUE)
  String twilio(
      HttpServletRequest request,
      @Parameter(hidden = true) @RequestHeader(name = "X-Twilio-Signature", required = false)
          String signed) {
    twilio.verify(request, signed);
    messages.receive(
        null,
        request.getParameter("From"),
        request.getParameter("To"),
        request.getParameter("Body"));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
  }

  @Operation(
      operationId = "receiveMessage",
      summary = "A message a recipient sent to one of your inboxes (any provider)",
      description =
          "STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT opt from out of your team; START,"
              + " UNSTOP or YES opt it back in; anything else changes nothing. to must be the"
              + " phone of one of your inboxes (404 otherwise).")
  @PostMapping("/v1/inbound")
  InboundView.Result receive(Caller caller, @RequestBody InboundView request) {
    Optional<Boolean> optedOut =
        messages.receive(caller.teamId(), request.from(), request.to(), request.text());
    return new InboundView.Result(
        optedOut.map(out -> out ? "opted_out" : "opted_in").orElse("none"));
  }
}
