package com.scheduleapi.dispatch;

import com.scheduleapi.directory.OptOuts;
import com.scheduleapi.directory.OptOuts.InboxPhone;
import com.scheduleapi.sms.OutgoingMessage;
import com.scheduleapi.web.FaultLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last look at opt-outs, as deliveries are handed to the sender: a STOP that arrives after a
 * delivery was claimed (and held for its instant) still stops it. One query for a batch.
 */
@Component
class OptOutGate {

  private static final Logger log = LoggerFactory.getLogger(OptOutGate.class);
  private static final String UNCHECKED = "Opt-outs not checked again at hand-off";

  private final OptOuts optOuts;
  private final FaultLog faults;

  OptOutGate(OptOuts optOuts, Clock clock) {
    this.optOuts = optOuts;
    this.faults = new FaultLog(log, clock, FaultLog.DEFAULT_INTERVAL);
  }

  /** The batch with deliveries to opted-out phones skipped, and such phones left out of groups. */
  List<Prepared> screen(List<Prepared> batch) {
    List<InboxPhone> phones = new ArrayList<>();
    for (Prepared prepared : batch) {
      if (prepared.message() != null) {
        prepared.message().to().forEach(p -> phones.add(phoneOf(prepared.message(), p)));
      }
    }
    Set<InboxPhone> out;
    try {
      out = optOuts.optedOut(phones);
    } catch (RuntimeException e) {
      // Opt-outs were checked when the batch was claimed; a database away must not stop sending.
      faults.warn(UNCHECKED, e.toString());
      return batch;
    }
    faults.recovered(UNCHECKED);
    if (out.isEmpty()) {
      return batch;
    }
    return batch.stream().map(prepared -> screened(prepared, out)).toList();
  }

  private static Prepared screened(Prepared prepared, Set<InboxPhone> out) {
    OutgoingMessage message = prepared.message();
    if (message == null) {
      return prepared;
    }
    List<String> to =
        message.to().stream().filter(p -> !out.contains(phoneOf(message, p))).toList();
    if (to.size() == message.to().size()) {
      return prepared;
    }
    if (to.isEmpty()) {
      return Prepared.decided(Outcome.skipped(prepared.claimed(), "opted out"));
    }
    return Prepared.send(
        prepared.claimed(),
        new OutgoingMessage(
            message.deliveryId(),
            message.scheduleId(),
            message.idempotencyKey(),
            message.inboxId(),
            message.from(),
            to,
            message.group(),
            message.text(),
            message.attachments(),
            message.gallery(),
            message.userId(),
            message.node()));
  }

  private static InboxPhone phoneOf(OutgoingMessage message, String phone) {
    return new InboxPhone(message.inboxId(), phone);
  }
}
