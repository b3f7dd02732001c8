package com.scheduleapi.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat answers some requests itself, before any filter runs (headers over 16 KB, a malformed
 * request line); this valve makes those answers problem+json too, instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(code);
    if (status == null) {
      status = HttpStatus.BAD_REQUEST;
    }
    String requestId = UUID.randomUUID().toString();
    String detail =
        status.is5xxServerError()
            ? "Something went wrong on our side; quote the request id when you report it."
            : "The request was refused before it was read: its request line or headers are"
                + " malformed, or larger than 16 KB in all.";
    Problem problem =
        new Problem(
            "https://schedule-api.dev/problems/"
                + ProblemErrorController.errorCode(status).replace('_', '-'),
            status.getReasonPhrase(),
            code,
            detail,
            ProblemErrorController.errorCode(status),
            List.<FieldProblem>of(),
            requestId);
    try {
      response.setContentType(ProblemResponses.MEDIA_TYPE);
      response.setCharacterEncoding("UTF-8");
      response.setHeader(RequestIds.HEADER, requestId);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is going away; there is nobody left to answer.
    }
  }

  /** Installs the valve on the embedded Tomcat's host in place of Tomcat's HTML one. */
  @Component
  static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
          });
    }
  }
}
