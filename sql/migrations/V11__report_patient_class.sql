-- Issue 12: the HL7 PV1-2 patient class of an ORU report (HL7 table 0004: E emergency, I inpatient, O outpatient ...),
-- kept with the staged report so that the OMOP visit of its study gets the visit concept mappings/visit.csv gives it.
-- NULL for sources without one (text files, DICOM SR, an ORU without PV1).
ALTER TABLE radbridge.report ADD COLUMN patient_class varchar(20);
