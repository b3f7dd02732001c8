package com.scheduleapi.sms;

/**
 * Hands one message to an SMS provider. Called once per delivery attempt, from several threads at
 * once; implementations report the outcome instead of throwing.
 */
public interface SmsSender {

  SendResult send(OutgoingMessage message);
}
