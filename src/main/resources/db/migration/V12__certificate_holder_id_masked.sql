-- The holder's ID number as printed on the certificate, masked (what verification shows): a later correction of the
-- person's ID number leaves the certificates issued before it as they were printed. Certificates issued before this
-- version take the person's current one.
ALTER TABLE certificate ADD holder_id_masked VARCHAR(40) NULL;
UPDATE certificate SET holder_id_masked = (SELECT p.id_number_masked FROM person p WHERE p.id = certificate.person_id);
