package com.scheduleapi.dispatch;

import com.scheduleapi.directory.OptOuts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes outcomes back, one statement per lane and batch, each through the lane its delivery was
 * claimed from. Outcomes that cannot be written (the database is away) are kept and written before
 * anything else, so that what was sent is never claimed and sent again.
 */
@Component
class OutcomeWriter {

  private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

  private final List<Outcome> unwritten = new ArrayList<>();
  private final DispatchProperties properties;
  private final OptOuts optOuts;
  private final Clock clock;

  OutcomeWriter(DispatchProperties properties, OptOuts optOuts, Clock clock) {
    this.properties = properties;
    this.optOuts = optOuts;
    this.clock = clock;
  }

  /** Writes a batch; on failure keeps it for {@link #writeKept} and throws. */
  void write(List<Outcome> outcomes) {
    try {
      // Before the outcomes: a skipped delivery's contact is opted out by the time anyone sees it.
      optOuts.optOut(outcomes.stream().map(Outcome::optOut).filter(Objects::nonNull).toList());
      Map<Lane, List<Outcome>> byLane =
          outcomes.stream().collect(Collectors.groupingBy(o -> o.claimed().lane()));
      int written = 0;
      for (Map.Entry<Lane, List<Outcome>> lane : byLane.entrySet()) {
        written += lane.getKey().record(lane.getValue(), properties.nodeName(), clock.instant());
      }
      if (written < outcomes.size()) {
        log.warn(
            "{} of {} outcomes were not written: another node took over their lease",
            outcomes.size() - written,
            outcomes.size());
      }
    } catch (RuntimeException e) {
      synchronized (unwritten) {
        unwritten.addAll(outcomes);
      }
      throw e;
    }
  }

  /** Writes what could not be written before; throws while the database is still away. */
  void writeKept() {
    List<Outcome> kept;
    synchronized (unwritten) {
      if (unwritten.isEmpty()) {
        return;
      }
      kept = new ArrayList<>(unwritten);
      unwritten.clear();
    }
    write(kept);
    log.info("Wrote back {} outcomes kept while the database was away", kept.size());
  }
}
