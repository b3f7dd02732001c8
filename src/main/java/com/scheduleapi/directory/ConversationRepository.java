package com.scheduleapi.directory;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConversationRepository extends JpaRepository<Conversation, Long> {

  @Query("select c from Conversation c where c.teamId = ?1 and c.id = ?2")
  Optional<Conversation> findInTeam(long teamId, long id);

  @Query("select c from Conversation c where c.inboxId = ?1 and c.phone = ?2")
  Optional<Conversation> findByInboxAndPhone(long inboxId, String phone);
}
