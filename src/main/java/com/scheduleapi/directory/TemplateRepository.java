package com.scheduleapi.directory;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TemplateRepository extends JpaRepository<Template, Long> {

  @Query("select t from Template t where t.teamId = ?1 and t.id = ?2")
  Optional<Template> findInTeam(long teamId, long id);
}
