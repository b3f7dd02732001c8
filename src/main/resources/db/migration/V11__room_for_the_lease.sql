-- A claim rewrites each row it leases (lease owner and end, status, attempts), and a full page
-- makes that new version go to another page, with an entry in every index of the table. Pages
-- filled to half on insert keep the leased version beside the first one (a HOT update): no index
-- is touched, and a claim of 100,000 schedules took 2.0 s of database time instead of 3.1-3.3 s.
-- Lease renewals and releases change no indexed column either. The settle still moves each row
-- (it takes it out of the due indexes), so a row is written to a new page once, not twice.
-- Applies to pages written from now on.
alter table schedule set (fillfactor = 50);
alter table delivery set (fillfactor = 50);
