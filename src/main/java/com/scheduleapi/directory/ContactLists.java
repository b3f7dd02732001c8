package com.scheduleapi.directory;

import com.scheduleapi.web.Conflict;
import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.NotFound;
import com.scheduleapi.web.Times;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Contact lists for broadcasts. A schedule to a list reads its phones when it is sent. */
@Service
public class ContactLists {

  private final ContactListRepository lists;
  private final JdbcClient jdbc;
  private final Clock clock;

  ContactLists(ContactListRepository lists, JdbcClient jdbc, Clock clock) {
    this.lists = lists;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  Created create(long teamId, CreateListRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request.title() == null || request.title().isBlank()) {
      checks.reject("title", "is required: a title for the list");
    }
    if (request.localId() != null && request.localId().length() > 255) {
      checks.reject("local_id", "must be at most 255 characters");
    }
    Map<String, Names> phones =
        phones(request.phones(), request.targets(), "phones", "targets", checks);
    checks.throwIfAny();
    if (request.localId() != null
        && jdbc.sql("select exists (select 1 from contact_list where team_id = ? and local_id = ?)")
            .params(teamId, request.localId())
            .query(Boolean.class)
            .single()) {
      throw new Conflict("A list with local_id '" + request.localId() + "' exists already.");
    }
    ContactList list;
    try {
      list =
          lists.saveAndFlush(
              new ContactList(teamId, request.title().trim(), request.localId(), clock.instant()));
    } catch (DataIntegrityViolationException e) {
      throw new Conflict("A list with local_id '" + request.localId() + "' exists already.");
    }
    upsert(list.id(), phones);
    return new Created(list.id(), list.rev(), list.uuid());
  }

  @Transactional
  ListView update(long teamId, long id, UpdateListRequest request) {
    ContactList list = lists.findInTeam(teamId, id).orElseThrow(() -> new NotFound("list", id));
    FieldChecks checks = new FieldChecks();
    Map<String, Names> added =
        phones(request.addPhones(), request.addTargets(), "add_phones", "add_targets", checks);
    List<String> removed = new ArrayList<>();
    List<String> remove = request.removePhones() == null ? List.of() : request.removePhones();
    for (int i = 0; i < remove.size(); i++) {
      Optional<String> phone = Phones.normalize(remove.get(i));
      if (phone.isEmpty()) {
        checks.reject("remove_phones[" + i + "]", Phones.RULE);
      } else {
        removed.add(phone.get());
      }
    }
    checks.throwIfAny();
    upsert(id, added);
    if (!removed.isEmpty()) {
      jdbc.sql("delete from contact_list_phone where list_id = ? and phone = any(?)")
          .params(id, removed.toArray(String[]::new))
          .update();
    }
    list.changed(clock.instant());
    lists.flush();
    return view(list);
  }

  @Transactional(readOnly = true)
  ListView get(long teamId, long id) {
    return view(lists.findInTeam(teamId, id).orElseThrow(() -> new NotFound("list", id)));
  }

  @Transactional
  Deleted delete(long teamId, long id) {
    ContactList list = lists.findInTeam(teamId, id).orElseThrow(() -> new NotFound("list", id));
    lists.delete(list);
    return new Deleted(true, id);
  }

  @Transactional(readOnly = true)
  public boolean exists(long teamId, long id) {
    return lists.findInTeam(teamId, id).isPresent();
  }

  private ListView view(ContactList list) {
    Map<String, Names> targets = new LinkedHashMap<>();
    jdbc.sql(
            "select phone, first_name, last_name from contact_list_phone where list_id = ? order by phone")
        .param(list.id())
        .query(
            rs -> {
              targets.put(
                  rs.getString(1), new Names(orEmpty(rs.getString(2)), orEmpty(rs.getString(3))));
            });
    return new ListView(
        list.id(),
        list.title(),
        list.localId(),
        targets,
        Times.utc(list.createdAt()),
        Times.utc(list.updatedAt()),
        list.rev());
  }

  private void upsert(long listId, Map<String, Names> phones) {
    if (phones.isEmpty()) {
      return;
    }
    List<String> numbers = new ArrayList<>(phones.keySet());
    jdbc.sql(
            """
            insert into contact_list_phone (list_id, phone, first_name, last_name)
            select :list, p, f, l
            from unnest(:phones::text[], :firsts::text[], :lasts::text[]) as t(p, f, l)
            on conflict (list_id, phone) do update
              set first_name = coalesce(excluded.first_name, contact_list_phone.first_name),
                  last_name = coalesce(excluded.last_name, contact_list_phone.last_name)
            """)
        .param("list", listId)
        .param("phones", numbers.toArray(String[]::new))
        .param("firsts", numbers.stream().map(p -> phones.get(p).f()).toArray(String[]::new))
        .param("lasts", numbers.stream().map(p -> phones.get(p).l()).toArray(String[]::new))
        .update();
  }

  /** Phones from a list of numbers and a map of numbers to names, checked and merged. */
  private static Map<String, Names> phones(
      List<String> numbers,
      Map<String, Names> targets,
      String numbersField,
      String targetsField,
      FieldChecks checks) {
    Map<String, Names> phones = new LinkedHashMap<>();
    if (numbers != null) {
      for (int i = 0; i < numbers.size(); i++) {
        Optional<String> phone = Phones.normalize(numbers.get(i));
        if (phone.isEmpty()) {
          checks.reject(numbersField + "[" + i + "]", Phones.RULE);
        } else {
          phones.putIfAbsent(phone.get(), new Names(null, null));
        }
      }
    }
    if (targets != null) {
      targets.forEach(
          (raw, names) -> {
            Optional<String> phone = Phones.normalize(raw);
            if (phone.isEmpty()) {
              checks.reject(targetsField + "." + raw, Phones.RULE);
            } else {
              phones.put(phone.get(), names == null ? new Names(null, null) : names);
            }
          });
    }
    return phones;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** First and last name of a list member, as Heymarket names them. */
  public record Names(String f, String l) {}

  record CreateListRequest(
      String title, String localId, List<String> phones, Map<String, Names> targets) {}

  record UpdateListRequest(
      List<String> addPhones, List<String> removePhones, Map<String, Names> addTargets) {}

  @Schema(name = "ListCreated")
  record Created(long id, int rev, UUID uuid) {}

  record Deleted(boolean deleted, long id) {}

  record ListView(
      long id,
      String name,
      String localId,
      Map<String, Names> targets,
      String created,
      String updated,
      int rev) {}
}
