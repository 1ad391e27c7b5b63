-- Organisation management: a committee's approval-and-filing number (核准备案号) and the title series and levels it
-- may review, and retirement. A retired organisation (active = FALSE) keeps its rows and everything linked to them;
-- retired_at / retired_reason say when and why, and are cleared when it is reactivated.
ALTER TABLE organisation ADD approval_number VARCHAR(100) NULL;
-- Comma-separated: series names of the title catalogue, and level names (SENIOR, DEPUTY_SENIOR, ...).
ALTER TABLE organisation ADD review_series VARCHAR(1000) NULL;
ALTER TABLE organisation ADD review_levels VARCHAR(200) NULL;
ALTER TABLE organisation ADD retired_at ${datetime} NULL;
ALTER TABLE organisation ADD retired_reason VARCHAR(500) NULL;
