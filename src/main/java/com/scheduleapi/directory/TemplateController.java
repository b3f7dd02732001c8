package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TemplateController {

  private final Templates templates;

  TemplateController(Templates templates) {
    this.templates = templates;
  }

  @Operation(operationId = "createTemplate", summary = "Create a message template")
  @PostMapping("/v1/template")
  Templates.Created create(Caller caller, @RequestBody Templates.TemplateRequest request) {
    return templates.create(caller.teamId(), request);
  }

  @Operation(operationId = "getTemplate", summary = "Get a message template")
  @GetMapping("/v1/template/{id}")
  Templates.TemplateView get(Caller caller, @PathVariable long id) {
    return templates.get(caller.teamId(), id);
  }
}
