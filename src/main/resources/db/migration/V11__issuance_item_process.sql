-- A generation job (an issuance-group instance) reads the cases it works on by its own process instance id.
CREATE INDEX ix_issuance_item_process ON issuance_item (process_instance_id);
