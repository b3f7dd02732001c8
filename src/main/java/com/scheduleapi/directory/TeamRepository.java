package com.scheduleapi.directory;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface TeamRepository extends JpaRepository<Team, Long> {

  Optional<Team> findFirstByNameOrderById(String name);
}
