package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code docs/openapi.yaml} is the document the running service serves, byte for byte, so that an
 * API change shows up in review as a change to that file (and the generated client follows it).
 */
@ApiTest
class ApiDocsSnapshotTest {

  static final Path SNAPSHOT = Path.of("docs/openapi.yaml");

  @Autowired ApiClient api;

  @Test
  void snapshotMatchesTheServedDocument() throws IOException {
    ApiClient.Response served = api.send("GET", "/v3/api-docs.yaml", null, Map.of());
    assertThat(served.status()).isEqualTo(200);
    String document = served.raw().endsWith("\n") ? served.raw() : served.raw() + "\n";
    if (Boolean.getBoolean("openapi.update")) {
      Files.writeString(SNAPSHOT, document);
    }
    String committed = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT) : "";
    assertThat(document)
        .as(
            "%s differs from /v3/api-docs.yaml. If the API change is intended, regenerate it with"
                + " ./mvnw test -Dtest=ApiDocsSnapshotTest -Dopenapi.update=true and commit it.",
            SNAPSHOT)
        .isEqualTo(committed);
  }
}
