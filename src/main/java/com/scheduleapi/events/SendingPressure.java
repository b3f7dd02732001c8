package com.scheduleapi.events;

/**
 * Whether this node's dispatcher has a burst in hand (implemented by dispatch). Messages are due at
 * an instant and events report them, so while a burst is handed to the sender the relay gives way,
 * for at most {@code schedule.events.yield-max}.
 */
public interface SendingPressure {

  /** True while this node claims a burst, or holds more than a claim batch for the sender. */
  boolean high();
}
