package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.DueSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The rows a lane leased, by when their lease runs out, so that a renewal names them by id. Found
 * by a search of the due index instead, a renewal during a 1,000,000 burst read every row due by
 * the horizon (a million, and the settled rows' entries): 0.6-1.4 s of the database every 5 s. A
 * row is forgotten once its outcome is written or it is given back, or once a renewal finds it no
 * longer leased here.
 */
final class HeldLeases {

  /** A lane's table renewing the rows named, by the same rules in both tables. */
  interface Table {
    DueSchedules.Renewal renew(long[] ids, String node, Instant until);
  }

  /** Rows a node leased in one go (ids sorted), when their lease runs out, and those forgotten. */
  private static final class Leased {
    final String node;
    final Instant until;
    final long[] ids;
    final BitSet gone = new BitSet();
    int left;

    Leased(String node, Instant until, long[] ids) {
      this.node = node;
      this.until = until;
      this.ids = ids;
      this.left = ids.length;
    }

    /** Forgets the row if it is here; answers whether it was. */
    boolean forget(long id) {
      if (id < ids[0] || id > ids[ids.length - 1]) {
        return false; // a claim's ids are mostly a range of their own: most batches end here
      }
      int at = Arrays.binarySearch(ids, id);
      if (at < 0 || gone.get(at)) {
        return false;
      }
      gone.set(at);
      left--;
      return true;
    }

    LongStream held() {
      return IntStream.range(0, ids.length).filter(i -> !gone.get(i)).mapToLong(i -> ids[i]);
    }
  }

  private final ToLongFunction<Claimed> id;
  private final List<Leased> leased = new ArrayList<>();

  /** {@code id}: the leased row's id in the lane's table. */
  HeldLeases(ToLongFunction<Claimed> id) {
    this.id = id;
  }

  /** Rows just claimed: each leased until a lease after its due instant or now, the later. */
  void claimed(List<Claimed> claimed, String node, Instant now, Duration lease) {
    claimed.stream()
        .collect(Collectors.groupingBy(c -> c.due().isAfter(now) ? c.due() : now))
        .forEach(
            (from, rows) -> add(node, rows.stream().mapToLong(id).toArray(), from.plus(lease)));
  }

  /**
   * Renews, by id, the leases that run out within three quarters of a lease; answers how many. Rows
   * still leased here but not renewed (locked by a settle) keep their lease and are tried again.
   */
  int renew(Table table, String node, Instant now, Duration lease) {
    List<Leased> expiring = takeExpiring(node, now.plus(lease.multipliedBy(3).dividedBy(4)));
    long[] ids = expiring.stream().flatMapToLong(Leased::held).toArray();
    if (ids.length == 0) {
      return 0;
    }
    Instant until = now.plus(lease);
    DueSchedules.Renewal renewal;
    try {
      renewal = table.renew(ids, node, until);
    } catch (RuntimeException e) {
      expiring.forEach(l -> add(node, l.held().toArray(), l.until));
      throw e;
    }
    add(node, renewal.renewed().stream().mapToLong(Long::longValue).toArray(), until);
    Set<Long> kept = renewal.kept();
    expiring.forEach(l -> add(node, l.held().filter(kept::contains).toArray(), l.until));
    return renewal.renewed().size();
  }

  /** Rows whose outcome was written or that were given back: no longer to renew. */
  synchronized void forget(LongStream ids) {
    ids.forEach(
        id -> {
          for (Leased l : leased) {
            if (l.forget(id)) {
              break;
            }
          }
        });
    leased.removeIf(l -> l.left == 0);
  }

  private synchronized void add(String node, long[] ids, Instant until) {
    if (ids.length > 0) {
      Arrays.sort(ids);
      leased.add(new Leased(node, until, ids));
    }
  }

  private synchronized List<Leased> takeExpiring(String node, Instant soon) {
    List<Leased> taken = new ArrayList<>();
    for (Iterator<Leased> it = leased.iterator(); it.hasNext(); ) {
      Leased l = it.next();
      if (l.node.equals(node) && l.until.isBefore(soon)) {
        taken.add(l);
        it.remove();
      }
    }
    return taken;
  }
}
