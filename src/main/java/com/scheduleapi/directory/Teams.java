package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and their members. */
@Service
public class Teams {

  private final Map<Long, Long> owners = new ConcurrentHashMap<>();
  private final TeamRepository teams;
  private final MemberRepository members;
  private final Clock clock;

  Teams(TeamRepository teams, MemberRepository members, Clock clock) {
    this.teams = teams;
    this.members = members;
    this.clock = clock;
  }

  /** A new team with its owner; answers the team's id and the owner's. */
  @Transactional
  public NewTeam create(String name, String ownerName, String ownerEmail) {
    Team team = teams.save(new Team(name, clock.instant()));
    Member owner =
        members.save(new Member(team.id(), ownerName, ownerEmail, true, clock.instant()));
    return new NewTeam(team.id(), team.name(), owner.id());
  }

  @Transactional(readOnly = true)
  public Optional<Long> findByName(String name) {
    return teams.findFirstByNameOrderById(name).map(Team::id);
  }

  @Transactional(readOnly = true)
  public boolean exists(long teamId) {
    return teams.existsById(teamId);
  }

  /**
   * A team's owner is set when the team is made and never changes, so it is remembered; no
   * transaction here, so a remembered answer costs none.
   */
  public long ownerOf(long teamId) {
    Long known = owners.get(teamId);
    if (known != null) {
      return known;
    }
    long owner = members.findOwner(teamId).map(Member::id).orElseThrow();
    if (owners.size() > 100_000) {
      owners.clear();
    }
    owners.put(teamId, owner);
    return owner;
  }

  @Transactional(readOnly = true)
  public boolean isMember(long teamId, long memberId) {
    return members.belongs(teamId, memberId);
  }

  @Transactional(readOnly = true)
  TeamView view(long teamId) {
    Team team = teams.findById(teamId).orElseThrow();
    return new TeamView(
        team.id(), team.name(), members.findByTeam(teamId).stream().map(Member::view).toList());
  }

  @Transactional
  MemberView addMember(long teamId, NewMemberRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request.name() == null || request.name().isBlank()) {
      checks.reject("name", "is required: the member's name");
    }
    if (request.email() == null || !request.email().matches("[^@\\s]+@[^@\\s]+")) {
      checks.reject("email", "must be an email address such as ana@example.com");
    }
    checks.throwIfAny();
    return members
        .save(
            new Member(
                teamId, request.name().trim(), request.email().trim(), false, clock.instant()))
        .view();
  }

  /** What creating a team made. */
  public record NewTeam(long id, String name, long ownerId) {}

  record NewMemberRequest(String name, String email) {}
}
