package com.scheduleapi.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InboxRepository extends JpaRepository<Inbox, Long> {

  @Query("select i from Inbox i where i.teamId = ?1 order by i.id")
  List<Inbox> findByTeam(long teamId);

  @Query("select i from Inbox i where i.teamId = ?1 and i.id = ?2")
  Optional<Inbox> findInTeam(long teamId, long id);
}
