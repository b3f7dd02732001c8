package com.scheduleapi.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (by the servlet container) answer problem+json too. */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

  private final ProblemResponses problems;

  ProblemErrorController(ProblemResponses problems) {
    this.problems = problems;
  }

  @RequestMapping("/error")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (code == null) {
      // Asked for directly, not forwarded by the container: there is nothing here.
      problems.write(request, response, new NotFound("There is no resource at this path."));
      return;
    }
    HttpStatus status =
        code instanceof Integer value
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String errorCode = errorCode(status);
    String detail =
        status.is5xxServerError()
            ? "Something went wrong on our side; quote the request id when you report it."
            : "The request could not be understood: " + status.getReasonPhrase() + ".";
    problems.write(request, response, status, errorCode, detail, List.of(), null);
  }

  /** The error code the contract gives a status the container raised. */
  static String errorCode(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "not_found";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      case CONTENT_TOO_LARGE, REQUEST_HEADER_FIELDS_TOO_LARGE -> "too_large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      case NOT_ACCEPTABLE -> "not_acceptable";
      default -> status.is4xxClientError() ? "bad_data" : "internal_error";
    };
  }
}
