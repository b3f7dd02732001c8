package com.scheduleapi.directory;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ContactListRepository extends JpaRepository<ContactList, Long> {

  @Query("select l from ContactList l where l.teamId = ?1 and l.id = ?2")
  Optional<ContactList> findInTeam(long teamId, long id);
}
