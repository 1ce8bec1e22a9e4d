package org.radbridge.write.omop;

import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyFacts;
import org.radbridge.staging.StudyView;

import java.time.LocalDate;
import java.util.List;

/** A study as OMOP records it when dates are shifted ({@link org.radbridge.deid.OmopDates}): every date of it moved by the person's days. */
final class ShiftedStudy {
    private ShiftedStudy() {}

    static StudyView of(StudyView s, int days) {
        if (days == 0) return s;
        List<InstanceRecord> instances = s.instances().stream().map(i -> new InstanceRecord(i.sopInstanceUid(), i.studyInstanceUid(),
                i.seriesInstanceUid(), i.sopClassUid(), i.transferSyntaxUid(), i.instanceNumber(), i.seriesNumber(), i.modality(),
                i.seriesDescription(), i.bodyPartExamined(), i.laterality(), plus(i.seriesDate(), days), i.manufacturer(), i.modelName(),
                i.patientId(), i.issuerOfPatientId(), i.patientName(), i.patientBirthDate(), i.patientSex(), i.accessionNumber(), i.studyId(),
                plus(i.studyDate(), days), i.studyTime(), i.studyDescription(), i.referringPhysician(), i.institutionName(), i.source(),
                i.filePath(), i.fileSize(), i.attributes())).toList();
        return new StudyView(s.studyInstanceUid(), s.patientId(), s.issuerOfPatientId(), s.patientName(), s.patientBirthDate(), s.patientSex(),
                s.accessionNumber(), plus(s.studyDate(), days), s.studyTime(), s.studyDescription(), s.endpointUrl(), instances,
                shifted(s.facts(), days));
    }

    /** The derived date moves with the study; the year of birth stays (birth is kept to the year with shifted dates). */
    private static StudyFacts shifted(StudyFacts f, int days) {
        return new StudyFacts(plus(f.date(), days), f.dateSource(), f.yearOfBirth(), f.yearOfBirthSource(), f.placeholderPatient());
    }

    static LocalDate plus(LocalDate d, int days) {
        return d == null ? null : d.plusDays(days);
    }
}
