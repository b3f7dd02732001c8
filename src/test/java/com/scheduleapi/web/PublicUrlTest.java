package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code schedule.public-url} names the server; unset, the document's server is relative. */
class PublicUrlTest {

  @Test
  void namesTheConfiguredPublicUrl() {
    OpenAPI docs =
        new ApiDocsConfiguration()
            .scheduleApiDocs(new PublicUrlProperties(URI.create("https://sms.example.org")));

    assertThat(docs.getServers())
        .singleElement()
        .extracting("url")
        .isEqualTo("https://sms.example.org");
  }

  @Test
  void isRelativeToWhereItWasFetchedWithoutOne() {
    OpenAPI docs = new ApiDocsConfiguration().scheduleApiDocs(new PublicUrlProperties(null));

    assertThat(docs.getServers()).singleElement().extracting("url").isEqualTo("/");
  }
}
