package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ScheduleApiApplication;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of the schedule API: mutated create and update bodies, headers and query
 * strings. Every answer is 2xx, or 4xx problem+json, never 5xx; a schedule row exists exactly for
 * each create answered 2xx, and an update changes its row only when answered 2xx.
 */
class ApiFuzzTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> FIELDS =
      List.of(
          "inbox_id",
          "execute_at",
          "phone_number",
          "targets",
          "conversation_id",
          "list_id",
          "local_id",
          "user_id",
          "content",
          "content.text",
          "content.to",
          "content.template",
          "content.attachments",
          "content.gallery",
          "unknown");

  private static ConfigurableApplicationContext node;
  private static ApiClient api;
  private static ApiClient.TeamAccess team;
  private static JdbcClient jdbc;
  private static long updated;
  private static final Set<Long> created = new HashSet<>();
  private static final Map<Integer, Integer> statuses = new HashMap<>();

  @BeforeContainer
  static void startNode() throws IOException {
    node =
        new SpringApplicationBuilder(ScheduleApiApplication.class)
            .run(
                "--server.port=0",
                "--schedule.data-dir=" + Files.createTempDirectory("fuzz-node"),
                "--schedule.admin-token=" + ApiClient.ADMIN_TOKEN,
                "--schedule.bootstrap.api-key=" + ApiClient.BOOTSTRAP_KEY,
                "--schedule.rate-limit.requests-per-minute=0",
                "--schedule.dispatch.enabled=false",
                "--spring.quartz.auto-startup=false",
                "--spring.main.banner-mode=off",
                "--logging.level.com.scheduleapi.web.AccessLog=WARN");
    api = new ApiClient(node.getEnvironment());
    team = api.newTeam();
    jdbc = JdbcClient.create(node.getBean(DataSource.class));
    var first = team.post(api, "/v1/schedule", JSON.writeValueAsString(validBody()));
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    updated = first.body().get("id").asLong();
    created.add(updated);
  }

  @AfterContainer
  static void stopNode() {
    System.out.println("RELIABILITY fuzz: answers by status " + statuses);
    if (node != null) {
      node.close();
    }
  }

  @Property(tries = 1200, shrinking = ShrinkingMode.BOUNDED)
  void createAnswers2xxOr4xxAndLeavesARowExactlyFor2xx(@ForAll("createBodies") String body) {
    long before = rows();
    var answer = team.post(api, "/v1/schedule", body);
    checkAnswer(answer);
    long expected = before;
    if (answer.status() / 100 == 2) {
      long id = answer.body().get("id").asLong();
      if (created.add(id)) {
        expected++;
      }
      assertThat(team.get(api, "/v1/schedule/" + id).status()).isEqualTo(200);
    }
    assertThat(rows()).as("rows after %s -> %s", body, answer.raw()).isEqualTo(expected);
  }

  @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
  void updateAnswers2xxOr4xxAndChangesTheRowOnlyFor2xx(
      @ForAll("createBodies") String body, @ForAll("ifMatch") String ifMatch) {
    long before = rows();
    JsonNode view = team.get(api, "/v1/schedule/" + updated).body();
    Map<String, String> headers = new HashMap<>(team.auth());
    if (!ifMatch.isEmpty()) {
      headers.put("If-Match", ifMatch);
    }
    var answer = api.send("PUT", "/v1/schedule/" + updated, body, headers);
    checkAnswer(answer);
    JsonNode after = team.get(api, "/v1/schedule/" + updated).body();
    if (answer.status() / 100 == 2) {
      assertThat(after.get("rev").asInt()).isEqualTo(view.get("rev").asInt() + 1);
    } else {
      assertThat(after).as("after %s -> %s", body, answer.raw()).isEqualTo(view);
    }
    assertThat(rows()).isEqualTo(before);
  }

  @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
  void headersAndQueryStringsAnswer2xxOr4xx(
      @ForAll("queries") String query, @ForAll("headers") Map<String, String> extra) {
    long before = rows();
    Map<String, String> headers = new HashMap<>(team.auth());
    headers.putAll(extra);
    checkAnswer(api.send("GET", "/v1/schedules?" + query, null, headers));
    checkAnswer(api.send("GET", "/v1/schedule/" + updated, null, headers));
    var answer = api.send("POST", "/v1/schedule", JSON.writeValueAsString(validBody()), headers);
    checkAnswer(answer);
    long expected = before;
    if (answer.status() / 100 == 2 && created.add(answer.body().get("id").asLong())) {
      expected++;
    }
    assertThat(rows()).isEqualTo(expected);
  }

  private static void checkAnswer(ApiClient.Response answer) {
    statuses.merge(answer.status(), 1, Integer::sum);
    assertThat(answer.status()).as(answer.raw()).isBetween(200, 499);
    assertThat(answer.status() / 100).as(answer.raw()).isNotEqualTo(3);
    if (answer.status() >= 400) {
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.body().get("status").asInt()).isEqualTo(answer.status());
      assertThat(answer.body().get("error_code").asString()).isNotBlank();
    }
  }

  private static long rows() {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  /** A body the API accepts: the team's inbox, half an hour ahead on the quarter, one phone. */
  private static ObjectNode validBody() {
    ObjectNode body = NODES.objectNode();
    body.put("inbox_id", team.inboxId());
    body.put("execute_at", quarterAhead(2).toString());
    body.put("phone_number", "14155550123");
    body.putObject("content").put("text", "hello");
    return body;
  }

  private static Instant quarterAhead(int quarters) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long minutes = now.getEpochSecond() / 60;
    return Instant.ofEpochSecond((minutes - minutes % 15 + 15L * quarters) * 60);
  }

  @Provide
  Arbitrary<String> createBodies() {
    Arbitrary<String> mutated =
        mutation()
            .list()
            .ofMaxSize(4)
            .map(
                mutations -> {
                  ObjectNode body = validBody();
                  mutations.forEach(m -> apply(body, m.get1(), m.get2()));
                  return JSON.writeValueAsString(body);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(8, mutated),
        Tuple.of(
            2,
            Combinators.combine(mutated, Arbitraries.integers().between(0, 400), textNoise())
                .as(ApiFuzzTest::breakText)));
  }

  private static Arbitrary<Tuple.Tuple2<String, JsonNode>> mutation() {
    return Combinators.combine(Arbitraries.of(FIELDS), values()).as(Tuple::of);
  }

  /** Sets the field (a dotted path), or removes it when the value is a JSON "missing" marker. */
  private static void apply(ObjectNode body, String field, JsonNode value) {
    ObjectNode parent = body;
    String name = field;
    if (field.startsWith("content.")) {
      if (!(body.get("content") instanceof ObjectNode content)) {
        return;
      }
      parent = content;
      name = field.substring("content.".length());
    }
    if (value.isMissingNode()) {
      parent.remove(name);
    } else {
      parent.set(name, value);
    }
  }

  private static String breakText(String json, int at, String noise) {
    int cut = Math.min(at, json.length());
    return json.substring(0, cut) + noise + json.substring(cut);
  }

  private static Arbitrary<String> textNoise() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            "}",
            "{",
            "]",
            ",",
            "\"",
            "\\",
            ":",
            "\\u0000",
            "\\ud800",
            "null",
            "\u0000",
            ",\"inbox_id\":1",
            "\"execute_at\":\"",
            "1e999999",
            "-0",
            "[[[[[[[[[[",
            "'"),
        Arbitraries.strings().ofMaxLength(8));
  }

  private static Arbitrary<JsonNode> values() {
    Arbitrary<JsonNode> strings = nastyStrings().map(NODES::stringNode);
    Arbitrary<JsonNode> numbers =
        Arbitraries.oneOf(
            Arbitraries.longs().map(NODES::numberNode),
            Arbitraries.of(
                    0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1)
                .map(NODES::numberNode),
            Arbitraries.of("1.5", "1e400", "-1e-400", "123456789012345678901234567890", "1.0")
                .map(n -> NODES.numberNode(new java.math.BigDecimal(n))),
            Arbitraries.doubles().map(NODES::numberNode));
    Arbitrary<JsonNode> ids =
        Arbitraries.of(0, 1, 2)
            .map(
                i -> NODES.numberNode(i == 0 ? team.inboxId() : i == 1 ? updated : team.ownerId()));
    Arbitrary<JsonNode> scalars =
        Arbitraries.oneOf(
            strings,
            numbers,
            ids,
            phones().map(NODES::stringNode),
            times().map(NODES::stringNode),
            Arbitraries.of(
                NODES.booleanNode(true),
                NODES.nullNode(),
                tools.jackson.databind.node.MissingNode.getInstance()));
    Arbitrary<JsonNode> arrays =
        Arbitraries.oneOf(scalars, phones().map(NODES::stringNode), media())
            .list()
            .ofMaxSize(12)
            .map(
                items -> {
                  var array = NODES.arrayNode();
                  items.forEach(array::add);
                  return array;
                });
    Arbitrary<JsonNode> objects =
        Arbitraries.oneOf(media(), content(), scalars.map(v -> NODES.objectNode().set("id", v)));
    return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(2, arrays), Tuple.of(2, objects));
  }

  private static Arbitrary<JsonNode> media() {
    return Combinators.combine(
            Arbitraries.of(
                    "https://example.com/a.png",
                    "http://x",
                    "ftp://x/y",
                    "javascript:alert(1)",
                    "",
                    "https://" + "a".repeat(3000))
                .injectNull(0.1),
            nastyStrings().injectNull(0.2),
            nastyStrings().injectNull(0.2))
        .as(
            (url, type, name) -> {
              ObjectNode m = NODES.objectNode();
              m.put("url", url);
              m.put("type", type);
              m.put("name", name);
              return (JsonNode) m;
            });
  }

  private static Arbitrary<JsonNode> content() {
    return Combinators.combine(nastyStrings().injectNull(0.3), Arbitraries.integers().between(0, 3))
        .as(
            (text, kind) -> {
              ObjectNode c = NODES.objectNode();
              if (kind != 0) {
                c.put("text", text);
              }
              if (kind == 2) {
                c.put("template", Long.MAX_VALUE);
              }
              if (kind == 3) {
                c.putArray("gallery").addObject().put("url", "https://example.com/g.png");
              }
              return (JsonNode) c;
            });
  }

  private static Arbitrary<String> nastyStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(40),
        Arbitraries.strings().ascii().ofMinLength(1500).ofMaxLength(1700),
        Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(260),
        Arbitraries.of(
            "",
            " ",
            "'; drop table schedule; --",
            "😀👨‍👩‍👧",
            "\u202Eevil",
            "e\u0301\u0301",
            "\u0000",
            "{{first_name}}",
            "%s%n%x",
            "${jndi:ldap://x}"));
  }

  private static Arbitrary<String> phones() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20),
        Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(16).map(s -> "+" + s),
        Arbitraries.of(
            "14155550123", "+14155550123", "04155550123", "1415555012x", "1 415 555 0123"));
  }

  private static Arbitrary<String> times() {
    Arbitrary<String> near =
        Arbitraries.integers()
            .between(-200, 40_000)
            .map(q -> quarterAhead(0).plus(Duration.ofMinutes(15L * q)).toString());
    Arbitrary<String> shifted =
        Combinators.combine(
                Arbitraries.longs().between(-400L * 86_400, 400L * 86_400),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600))
            .as(
                (seconds, offset) ->
                    Instant.now()
                        .plusSeconds(seconds)
                        .atOffset(ZoneOffset.ofTotalSeconds(offset - offset % 60))
                        .toString());
    return Arbitraries.oneOf(
        near,
        shifted,
        Arbitraries.of(
            "2026-13-01T00:00:00Z",
            "9999-12-31T23:45:00Z",
            "0000-01-01T00:00:00Z",
            "+100000-01-01T00:00:00Z",
            "2026-01-10T18:00:00.000Z",
            "2026-01-10T18:00:00.5Z",
            "2026-01-10T18:00:00",
            "2026-01-10T18:00Z",
            "2026-01-10T18:00:00+25:00",
            "yesterday",
            ""));
  }

  @Provide
  Arbitrary<String> ifMatch() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "", "\"1\"", "\"2\"", "*", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "1"),
        Arbitraries.strings().ascii().ofMaxLength(20).filter(ApiFuzzTest::legalHeader));
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> name =
        Arbitraries.of(
            "status", "inbox_id", "list_id", "local_id", "from", "to", "limit", "cursor", "x", "");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "scheduled",
                "sent",
                "bogus",
                "-1",
                "0",
                "501",
                "500",
                "1e3",
                "99999999999999999999"),
            times(),
            Arbitraries.strings().ofMaxLength(30),
            Arbitraries.strings().ascii().ofMinLength(500).ofMaxLength(2000));
    return Combinators.combine(name, value)
        .as((n, v) -> n + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
        .list()
        .ofMaxSize(5)
        .map(pairs -> String.join("&", pairs));
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> name =
        Arbitraries.of(
            "Accept",
            "Content-Type",
            "X-Request-Id",
            "Authorization",
            "If-Match",
            "Accept-Charset",
            "Accept-Language",
            "Origin",
            "Cookie",
            "X-Forwarded-For");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "application/json",
                "application/problem+json",
                "text/html",
                "*/*",
                "application/json; charset=utf-99",
                "application/json; charset=ISO-8859-1",
                "application/xml",
                "multipart/form-data; boundary=x",
                "Bearer",
                "Basic Og==",
                "Basic !!!",
                "Bearer a.b.c",
                "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.",
                "Digest x"),
            Arbitraries.strings().ascii().ofMaxLength(100).filter(ApiFuzzTest::legalHeader));
    return Arbitraries.maps(name, value).ofMaxSize(3);
  }

  private static boolean legalHeader(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.strip().equals(value);
  }
}
