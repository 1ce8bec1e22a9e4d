-- Report versions from HL7v2 ORU^R01 and DICOM SR sources. A report is still identified by accession number and a
-- hash of its text (report_id); these columns let projection pick the newest version per accession
-- (ORDER BY reported_at DESC NULLS LAST, received_at DESC) and see when a resend changed only the status.
ALTER TABLE radbridge.report
    -- when this version was reported: HL7 OBR-22 (results report/status change), SR content date and time
    ADD COLUMN reported_at       timestamptz,
    -- when the examination was done: HL7 OBR-7
    ADD COLUMN observed_at       timestamptz,
    -- the carrier, for audit: HL7 MSH-10 message control id, SR SOP Instance UID
    ADD COLUMN source_message_id varchar(199),
    -- set when the same text arrived again with another status (preliminary, then final)
    ADD COLUMN updated_at        timestamptz;
