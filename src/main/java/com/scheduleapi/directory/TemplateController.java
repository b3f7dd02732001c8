package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
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

  @PostMapping("/v1/template")
  Templates.Created create(Caller caller, @RequestBody Templates.TemplateRequest request) {
    return templates.create(caller.teamId(), request);
  }

  @GetMapping("/v1/template/{id}")
  Templates.TemplateView get(Caller caller, @PathVariable long id) {
    return templates.get(caller.teamId(), id);
  }
}
