package com.scheduleapi.onboarding;

import com.scheduleapi.directory.Teams;
import com.scheduleapi.identity.Credentials;
import com.scheduleapi.web.InvalidRequest;
import com.scheduleapi.web.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a team ready to call the API: the team and its owner (directory), an API key and a JWT
 * secret (identity), in one transaction.
 */
@Service
class Onboarding {

  private final Teams teams;
  private final Credentials credentials;

  Onboarding(Teams teams, Credentials credentials) {
    this.teams = teams;
    this.credentials = credentials;
  }

  @Transactional
  NewTeamView createTeam(NewTeamRequest request) {
    if (request.name() == null || request.name().isBlank()) {
      throw InvalidRequest.of("name", "is required: the team's name");
    }
    String ownerName = blankToDefault(request.ownerName(), "Owner");
    String ownerEmail = blankToDefault(request.ownerEmail(), "owner@example.invalid");
    Teams.NewTeam team = teams.create(request.name().trim(), ownerName, ownerEmail);
    String apiKey = credentials.issueApiKey(team.id());
    Credentials.IssuedSecret secret = credentials.issueJwtSecret(team.id());
    return new NewTeamView(
        team.id(), team.name(), team.ownerId(), apiKey, secret.id(), secret.key());
  }

  @Transactional
  NewSecretView rotateSecret(long teamId, String retiredSecretId) {
    if (!teams.exists(teamId)) {
      throw new NotFound("team", teamId);
    }
    if (retiredSecretId != null && credentials.revokeJwtSecret(teamId, retiredSecretId) == 0) {
      throw InvalidRequest.of("retire", "is not an active secret of this team");
    }
    Credentials.IssuedSecret secret = credentials.issueJwtSecret(teamId);
    return new NewSecretView(secret.id(), secret.key());
  }

  private static String blankToDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  record NewTeamRequest(String name, String ownerName, String ownerEmail) {}

  record NewTeamView(
      long id, String name, long ownerId, String apiKey, String secretId, String secretKey) {}

  record RotateSecretRequest(String retire) {}

  record NewSecretView(String secretId, String secretKey) {}
}
