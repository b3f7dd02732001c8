-- The event log is append-only and written by the service only, for a team it has just read (the
-- change being reported belongs to it), and teams are never deleted. The foreign key made every
-- event row look up and share-lock its team's row; in a burst that is two rows a message, from
-- writers running at once on the same team (the shared lock then lives in a MultiXact). It is
-- dropped: the team_id still says whose event it is and is still required.
alter table event drop constraint event_team_id_fkey;
