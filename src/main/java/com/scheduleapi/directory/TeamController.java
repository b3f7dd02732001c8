package com.scheduleapi.directory;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TeamController {

  private final Teams teams;

  TeamController(Teams teams) {
    this.teams = teams;
  }

  @Operation(operationId = "getTeam", summary = "Get the calling team and its members")
  @GetMapping("/v1/team")
  TeamView team(Caller caller) {
    return teams.view(caller.teamId());
  }

  @Operation(operationId = "addTeamMember", summary = "Add a member to the team")
  @PostMapping("/v1/team/members")
  MemberView addMember(Caller caller, @RequestBody Teams.NewMemberRequest request) {
    return teams.addMember(caller.teamId(), request);
  }
}
