-- Delivery receipts (CONTRACT §13): a provider's status callback names the message by the id the
-- provider gave it, which is kept on a delivery in the queue or on a single's schedule row. Both are
-- found by it. Partial: rows not sent have none, and cost nothing here.
create index delivery_provider_message on delivery (provider_message_id)
    where provider_message_id is not null;
create index schedule_provider_message on schedule (provider_message_id)
    where provider_message_id is not null;

-- A single settled on its row keeps its receipt here: true delivered, false undelivered, null none
-- (yet). Queued deliveries keep it in their status.
alter table schedule add column delivered boolean;
