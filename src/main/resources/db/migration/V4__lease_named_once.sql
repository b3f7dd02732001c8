-- A lease means one thing in both tables: lease_owner names the node that holds the delivery and
-- lease_until says until when. Before this migration, a delivery row kept its lease end in
-- next_attempt_at, which also meant "due"; its due instant is now due_at, and a claim leaves it
-- alone (no indexed column changes, so the claim can be a HOT update, as on schedule).
alter table delivery rename column next_attempt_at to due_at;
alter table delivery add column lease_until timestamptz;
update delivery set lease_until = due_at where status = 0 and lease_owner is not null;

-- Claim rounds are Quartz jobs now, and the lease reaper is gone: a claim takes over the leases of
-- nodes that left the cluster itself. Remove the reaper's stored job, or Quartz would look for its
-- class at every firing.
delete from qrtz_simple_triggers where trigger_group = 'dispatch' and trigger_name = 'lease-reaper';
delete from qrtz_triggers where trigger_group = 'dispatch' and trigger_name = 'lease-reaper';
delete from qrtz_job_details where job_group = 'dispatch' and job_name = 'lease-reaper';
