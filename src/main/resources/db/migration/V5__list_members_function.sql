-- Which phones a list has now, and which of them the team's contacts opted out of: the directory's
-- answer to the dispatcher's fan-out, read inside the dispatcher's own insert so that a broadcast
-- to 100,000 phones is one statement, not a copy of the list through the JVM and back. The
-- directory owns this function with its tables (DirectoryLookups.LIST_MEMBERS names it): change its
-- body with them, keep its signature.
create function list_members(p_team_id bigint, p_list_id bigint)
    returns table (phone text, opted_out boolean)
    language sql stable
as $$
    select p.phone, coalesce(c.opted_out, false)
    from contact_list l
    join contact_list_phone p on p.list_id = l.id
    left join contact c on c.team_id = l.team_id and c.phone = p.phone
    where l.id = p_list_id and l.team_id = p_team_id
$$;
