package com.scheduleapi.bench;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark only: the create scenario's two peers, in the same service, JVM and Spring MVC stack.
 * {@code POST /bench/ceiling} reads the create body and answers 200 touching no database (the HTTP
 * ceiling); {@code POST /bench/jpa} saves the schedule with one JPA {@code persist} and one commit
 * per request (the plain way, before group commit).
 */
@RestController
@ConditionalOnProperty("schedule.bench.noop-sender")
class CreatePeerController {

  private final EntityManager entities;

  CreatePeerController(EntityManager entities) {
    this.entities = entities;
  }

  @PostMapping("/bench/ceiling")
  Map<String, Object> ceiling(@RequestBody Map<String, Object> body) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", body.size());
    answer.put("local_id", null);
    return answer;
  }

  @PostMapping("/bench/jpa")
  @Transactional
  Map<String, Object> jpa(
      @RequestBody Map<String, Object> body, @RequestParam long team, @RequestParam long user) {
    OffsetDateTime at = OffsetDateTime.parse((String) body.get("execute_at"));
    BenchScheduleRow row =
        new BenchScheduleRow(
            team,
            ((Number) body.get("inbox_id")).longValue(),
            user,
            at.toInstant(),
            at.getOffset().getTotalSeconds(),
            String.valueOf(body.get("content")),
            (String) body.get("phone_number"));
    entities.persist(row);
    entities.flush();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", row.id());
    answer.put("local_id", null);
    return answer;
  }
}
