import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK: exits 0 when the URL answers 200, 1 otherwise. The runtime image
 * is a bare JRE, so the check uses the JDK's HTTP client rather than curl or wget, whose presence
 * in the base image changes between releases.
 */
public final class HealthCheck {

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "http://localhost:8080/actuator/health/liveness";
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        System.exit(0);
      }
      System.err.println(url + " answered " + response.statusCode());
    } catch (Exception e) {
      System.err.println(url + " did not answer: " + e);
    }
    System.exit(1);
  }
}
