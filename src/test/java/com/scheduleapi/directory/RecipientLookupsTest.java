package com.scheduleapi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates that plan at the same time share one query for their inboxes' and contacts' rows, and
 * each still gets its own answer: the contact's zone first, then the number's, then the inbox's.
 */
@ApiTest
class RecipientLookupsTest {

  private static final String TOKYO_CONTACT = "14155550101";
  private static final String ZONELESS_CONTACT = "442071838750";
  private static final String STRANGER = "12124561234";
  private static final long NO_SUCH_INBOX = Long.MAX_VALUE;

  @Autowired ApiClient api;
  @Autowired JdbcClient jdbc;
  @Autowired SendingHours hours;
  @Autowired TransactionTemplate transaction;

  private ApiClient.TeamAccess a;
  private ApiClient.TeamAccess b;

  @BeforeEach
  void setUp() {
    a = api.newTeam();
    b = api.newTeam();
    jdbc.sql("update inbox set timezone = 'America/Chicago', send_window = null where id = ?")
        .param(a.inboxId())
        .update();
    jdbc.sql("update inbox set timezone = null, send_window = null where id = ?")
        .param(b.inboxId())
        .update();
    contact(a.id(), TOKYO_CONTACT, "Asia/Tokyo");
    contact(a.id(), ZONELESS_CONTACT, null);
    // Team B's contact with A's phone has another zone: a lookup must not cross teams.
    contact(b.id(), TOKYO_CONTACT, "Europe/Berlin");
  }

  @Test
  void askersLinedUpBehindARunningQueryShareTheNextOne() throws Exception {
    RecipientLookups lookups = new RecipientLookups(jdbc);
    lookups.start();
    List<Ask> asks = asks();
    ExecutorService askers = Executors.newFixedThreadPool(asks.size());
    List<Future<RecipientLookups.Rows>> answers = new ArrayList<>();
    try {
      lookups.asking.lock();
      try {
        // The asking thread takes the first question and waits for the lock with it; the others
        // queue behind that running query.
        answers.add(askers.submit(() -> ask(lookups, asks.get(0))));
        await(() -> lookups.asking.hasQueuedThreads());
        for (Ask ask : asks.subList(1, asks.size())) {
          answers.add(askers.submit(() -> ask(lookups, ask)));
        }
        await(() -> lookups.waiting() == asks.size() - 1);
      } finally {
        lookups.asking.unlock();
      }
      for (int i = 0; i < asks.size(); i++) {
        assertThat(answers.get(i).get()).as(asks.get(i).toString()).isEqualTo(asks.get(i).rows());
      }
      assertThat(lookups.queries()).isEqualTo(2);
    } finally {
      askers.shutdown();
      lookups.stop();
    }
  }

  @Test
  void eachRecipientGetsItsOwnZoneUnderConcurrentCreates() throws Exception {
    List<Ask> asks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      asks.addAll(asks());
    }
    ExecutorService askers = Executors.newFixedThreadPool(32);
    List<Future<SendingHours.Recipient>> answers = new ArrayList<>();
    for (Ask ask : asks) {
      answers.add(askers.submit(() -> hours.recipient(ask.team(), ask.inbox(), ask.phone())));
    }
    for (int i = 0; i < asks.size(); i++) {
      assertThat(answers.get(i).get().zone())
          .as(asks.get(i).toString())
          .isEqualTo(asks.get(i).zone());
    }
    askers.shutdown();
  }

  @Test
  void insideATransactionTheLookupSeesThatTransactionsWrites() {
    ZoneId zone =
        transaction.execute(
            status -> {
              contact(a.id(), STRANGER, "Pacific/Auckland");
              ZoneId seen = hours.recipient(a.id(), a.inboxId(), STRANGER).zone();
              status.setRollbackOnly();
              return seen;
            });
    assertThat(zone).isEqualTo(ZoneId.of("Pacific/Auckland"));
    assertThat(hours.recipient(a.id(), a.inboxId(), STRANGER).zone())
        .isEqualTo(ZoneId.of("America/New_York"));
  }

  @Test
  void anInboxThatIsNotThereHasNoHoursAndTheRecipientIsInUtc() {
    SendingHours.Recipient recipient = hours.recipient(a.id(), NO_SUCH_INBOX, TOKYO_CONTACT);
    assertThat(recipient.inbox()).isEqualTo(SendingHours.InboxHours.NONE);
    assertThat(recipient.zone()).isEqualTo(ZoneId.of("UTC"));
  }

  private static RecipientLookups.Rows ask(RecipientLookups lookups, Ask ask) {
    return lookups.lookUp(ask.team(), ask.inbox(), ask.phone());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  /** One of each case, with what the rows and the chosen zone must be. */
  private List<Ask> asks() {
    return List.of(
        new Ask(
            a.id(),
            a.inboxId(),
            TOKYO_CONTACT,
            rows(true, "America/Chicago", "Asia/Tokyo"),
            "Asia/Tokyo"),
        new Ask(
            b.id(), b.inboxId(), TOKYO_CONTACT, rows(true, null, "Europe/Berlin"), "Europe/Berlin"),
        new Ask(
            a.id(),
            a.inboxId(),
            ZONELESS_CONTACT,
            rows(true, "America/Chicago", null),
            "Europe/London"),
        new Ask(
            a.id(), a.inboxId(), STRANGER, rows(true, "America/Chicago", null), "America/New_York"),
        new Ask(a.id(), a.inboxId(), null, rows(true, "America/Chicago", null), "America/Chicago"),
        new Ask(b.id(), b.inboxId(), null, rows(true, null, null), "UTC"),
        new Ask(a.id(), NO_SUCH_INBOX, TOKYO_CONTACT, RecipientLookups.Rows.NO_INBOX, "UTC"));
  }

  private static RecipientLookups.Rows rows(boolean found, String inboxZone, String contactZone) {
    return new RecipientLookups.Rows(found, inboxZone, null, contactZone);
  }

  private void contact(long team, String phone, String zone) {
    jdbc.sql("insert into contact (team_id, phone, timezone) values (?, ?, ?)")
        .params(team, phone, zone)
        .update();
  }

  private record Ask(
      long team, long inbox, String phone, RecipientLookups.Rows rows, String zoneId) {

    ZoneId zone() {
      return ZoneId.of(zoneId);
    }
  }
}
