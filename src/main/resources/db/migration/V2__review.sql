-- Tiered review: the statutory working-day calendar, deadlines and duplicate protection.

-- Exceptions to "Monday to Friday are working days": public holidays on weekdays (working = FALSE) and
-- make-up working weekends (调休, working = TRUE), as the State Council publishes them each year.
-- Administrators extend it through PUT /api/admin/calendar/{date}; calendar_year says which years are known.
CREATE TABLE calendar_day (
    calendar_date DATE    NOT NULL PRIMARY KEY,
    working  BOOLEAN      NOT NULL,
    note     VARCHAR(100) NULL
) ${table_options};

CREATE TABLE calendar_year (
    year_number INT       NOT NULL PRIMARY KEY,
    status   VARCHAR(20)  NOT NULL,
    source   VARCHAR(200) NULL
) ${table_options};

INSERT INTO calendar_year (year_number, status, source) VALUES
(2024, 'OFFICIAL', '国办发明电〔2023〕7号'),
(2025, 'OFFICIAL', '国办发明电〔2024〕12号'),
(2026, 'OFFICIAL', '国务院办公厅2025年11月4日通知'),
(2027, 'PROVISIONAL', '法定节假日日期；调休安排待公布');

INSERT INTO calendar_day (calendar_date, working, note) VALUES
('2024-01-01', FALSE, '节假日'),
('2024-02-12', FALSE, '节假日'),
('2024-02-13', FALSE, '节假日'),
('2024-02-14', FALSE, '节假日'),
('2024-02-15', FALSE, '节假日'),
('2024-02-16', FALSE, '节假日'),
('2024-04-04', FALSE, '节假日'),
('2024-04-05', FALSE, '节假日'),
('2024-05-01', FALSE, '节假日'),
('2024-05-02', FALSE, '节假日'),
('2024-05-03', FALSE, '节假日'),
('2024-06-10', FALSE, '节假日'),
('2024-09-16', FALSE, '节假日'),
('2024-09-17', FALSE, '节假日'),
('2024-10-01', FALSE, '节假日'),
('2024-10-02', FALSE, '节假日'),
('2024-10-03', FALSE, '节假日'),
('2024-10-04', FALSE, '节假日'),
('2024-10-07', FALSE, '节假日'),
('2024-02-04', TRUE, '调休上班'),
('2024-02-18', TRUE, '调休上班'),
('2024-04-07', TRUE, '调休上班'),
('2024-04-28', TRUE, '调休上班'),
('2024-05-11', TRUE, '调休上班'),
('2024-09-14', TRUE, '调休上班'),
('2024-09-29', TRUE, '调休上班'),
('2024-10-12', TRUE, '调休上班'),
('2025-01-01', FALSE, '节假日'),
('2025-01-28', FALSE, '节假日'),
('2025-01-29', FALSE, '节假日'),
('2025-01-30', FALSE, '节假日'),
('2025-01-31', FALSE, '节假日'),
('2025-02-03', FALSE, '节假日'),
('2025-02-04', FALSE, '节假日'),
('2025-04-04', FALSE, '节假日'),
('2025-05-01', FALSE, '节假日'),
('2025-05-02', FALSE, '节假日'),
('2025-05-05', FALSE, '节假日'),
('2025-06-02', FALSE, '节假日'),
('2025-10-01', FALSE, '节假日'),
('2025-10-02', FALSE, '节假日'),
('2025-10-03', FALSE, '节假日'),
('2025-10-06', FALSE, '节假日'),
('2025-10-07', FALSE, '节假日'),
('2025-10-08', FALSE, '节假日'),
('2025-01-26', TRUE, '调休上班'),
('2025-02-08', TRUE, '调休上班'),
('2025-04-27', TRUE, '调休上班'),
('2025-09-28', TRUE, '调休上班'),
('2025-10-11', TRUE, '调休上班'),
('2026-01-01', FALSE, '节假日'),
('2026-01-02', FALSE, '节假日'),
('2026-02-16', FALSE, '节假日'),
('2026-02-17', FALSE, '节假日'),
('2026-02-18', FALSE, '节假日'),
('2026-02-19', FALSE, '节假日'),
('2026-02-20', FALSE, '节假日'),
('2026-02-23', FALSE, '节假日'),
('2026-04-06', FALSE, '节假日'),
('2026-05-01', FALSE, '节假日'),
('2026-05-04', FALSE, '节假日'),
('2026-05-05', FALSE, '节假日'),
('2026-06-19', FALSE, '节假日'),
('2026-09-25', FALSE, '节假日'),
('2026-10-01', FALSE, '节假日'),
('2026-10-02', FALSE, '节假日'),
('2026-10-05', FALSE, '节假日'),
('2026-10-06', FALSE, '节假日'),
('2026-10-07', FALSE, '节假日'),
('2026-01-04', TRUE, '调休上班'),
('2026-02-14', TRUE, '调休上班'),
('2026-02-28', TRUE, '调休上班'),
('2026-05-09', TRUE, '调休上班'),
('2026-09-20', TRUE, '调休上班'),
('2026-10-10', TRUE, '调休上班'),
('2027-01-01', FALSE, '法定节假日（暂定，待国务院公布调休安排）'),
('2027-02-05', FALSE, '法定节假日（暂定，待国务院公布调休安排）'),
('2027-02-08', FALSE, '法定节假日（暂定，待国务院公布调休安排）'),
('2027-04-05', FALSE, '法定节假日（暂定，待国务院公布调休安排）'),
('2027-06-09', FALSE, '法定节假日（暂定，待国务院公布调休安排）'),
('2027-09-15', FALSE, '法定节假日（暂定，待国务院公布调休安排）'),
('2027-10-01', FALSE, '法定节假日（暂定，待国务院公布调休安排）');

-- An application is active until rejected; one active application per person and title.
-- duplicate_guard holds person|series|level|title while active and NULL once rejected, so the unique
-- key refuses a second submission even when two arrive at the same moment on two nodes.
ALTER TABLE application ADD duplicate_guard VARCHAR(250) NULL;
ALTER TABLE application ADD CONSTRAINT uk_application_duplicate_guard UNIQUE (duplicate_guard);

-- Committee paths: the date the results were approved and filed (核准备案), the upload deadline
-- (5 working days later) and whether the upload came late.
ALTER TABLE application ADD results_filed_on DATE NULL;
ALTER TABLE application ADD upload_deadline DATE NULL;
ALTER TABLE application ADD uploaded_late BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE application ADD issuing_bureau_id BIGINT NULL;
ALTER TABLE application ADD approval_doc_number VARCHAR(100) NULL;
ALTER TABLE application ADD batch_id BIGINT NULL;
ALTER TABLE application ADD review_body_name VARCHAR(200) NULL;
ALTER TABLE application ADD CONSTRAINT fk_application_bureau FOREIGN KEY (issuing_bureau_id) REFERENCES organisation (id);
CREATE INDEX ix_application_late ON application (uploaded_late, issuing_bureau_id);

-- A result list uploaded by a committee organizing unit or an exam agency.
CREATE TABLE application_batch (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    organisation_id  BIGINT        NOT NULL,
    uploaded_by      VARCHAR(64)   NOT NULL,
    file_name        VARCHAR(200)  NULL,
    row_count        INT           NOT NULL,
    uploaded_at      ${datetime}   NOT NULL,
    CONSTRAINT fk_batch_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ${table_options};
