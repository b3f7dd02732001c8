package com.scheduleapi.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MemberRepository extends JpaRepository<Member, Long> {

  @Query("select m from Member m where m.teamId = ?1 order by m.id")
  List<Member> findByTeam(long teamId);

  @Query("select m from Member m where m.teamId = ?1 and m.owner = true")
  Optional<Member> findOwner(long teamId);

  @Query("select count(m) > 0 from Member m where m.teamId = ?1 and m.id = ?2")
  boolean belongs(long teamId, long memberId);
}
