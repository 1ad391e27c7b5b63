-- The dashboard and the gauges (issue 8). Certificates per month, path and level of an issuing authority's last
-- months, read from the index alone (historical imports make the table far larger than a year's issuance);
-- cases of any batch by status (waiting for a photo, the issuance queue gauge).
CREATE INDEX ix_certificate_issued ON certificate (issuing_org_id, issued_on, path, title_level);
CREATE INDEX ix_issuance_item_status ON issuance_item (status, updated_at);
