package com.scheduleapi.events;

import java.net.URI;
import java.util.Set;

/**
 * A webhook endpoint leased to this node for a round, with its secret still encrypted and its
 * cursor in the team's events; {@code types} empty means every type.
 */
record Endpoint(
    long id,
    long teamId,
    URI url,
    Set<String> types,
    byte[] secret,
    long cursorTx,
    long cursorId,
    int failures) {

  boolean wants(String type) {
    return types.isEmpty() || types.contains(type);
  }

  /** The endpoint as a round left it, for the next round under the same lease. */
  Endpoint after(RoundWriter.Round round) {
    return new Endpoint(
        id, teamId, url, types, secret, round.cursorTx(), round.cursorId(), round.failures());
  }
}
