package com.scheduleapi.dispatch;

import com.scheduleapi.events.SendingPressure;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's load as the event relay sees it: a burst is being claimed (a slot's last claim
 * took a whole batch), or more than a batch is at the sender or waiting to be written. Deliveries
 * claimed ahead of their instant are not load until it comes.
 */
@Component
class DispatchPressure implements SendingPressure {

  private final ClaimRounds rounds;
  private final HandOff handOff;

  DispatchPressure(ClaimRounds rounds, HandOff handOff) {
    this.rounds = rounds;
    this.handOff = handOff;
  }

  @Override
  public boolean high() {
    return rounds.inBurst() || handOff.busy();
  }
}
