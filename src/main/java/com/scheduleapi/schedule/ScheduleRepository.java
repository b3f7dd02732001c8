package com.scheduleapi.schedule;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ScheduleRepository extends JpaRepository<Schedule, Long> {

  @Query("select s from Schedule s where s.teamId = ?1 and s.id = ?2")
  Optional<Schedule> findInTeam(long teamId, long id);

  /** Locks the row, so that a claim by the dispatcher (which skips locked rows) cannot race. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select s from Schedule s where s.teamId = ?1 and s.id = ?2")
  Optional<Schedule> lockInTeam(long teamId, long id);

  @Query("select s from Schedule s where s.teamId = ?1 and s.localId = ?2")
  Optional<Schedule> findByLocalId(long teamId, String localId);
}
