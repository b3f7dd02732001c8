package com.scheduleapi.onboarding;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints; identity's authentication filter admits only the admin token here. */
@RestController
class AdminController {

  private final Onboarding onboarding;

  AdminController(Onboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Operation(
      operationId = "createTeam",
      summary = "Create a team with its owner and credentials",
      description = "Answers the API key and the JWT secret once; they cannot be read again.")
  @PostMapping("/admin/v1/teams")
  Onboarding.NewTeamView createTeam(@RequestBody Onboarding.NewTeamRequest request) {
    return onboarding.createTeam(request);
  }

  /** Issues a new JWT secret for the team and, when named, retires an old one at once. */
  @Operation(operationId = "rotateSecret", summary = "Issue a new JWT secret for a team")
  @PostMapping("/admin/v1/teams/{teamId}/secrets")
  Onboarding.NewSecretView rotateSecret(
      @PathVariable long teamId,
      @RequestBody(required = false) Onboarding.RotateSecretRequest request) {
    return onboarding.rotateSecret(teamId, request == null ? null : request.retire());
  }
}
