package org.radbridge.write.omop;

import org.junit.jupiter.api.Test;
import org.radbridge.report.ReportTestData;
import org.radbridge.staging.StudyView;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ShiftedStudyTest {
    @Test
    void everyDateOfTheStudyMovesByTheSameDaysAndNothingElseChanges() {
        StudyView s = ReportTestData.study("CT CHEST WO");
        StudyView shifted = ShiftedStudy.of(s, -123);
        assertThat(ChronoUnit.DAYS.between(s.studyDate(), shifted.studyDate())).isEqualTo(-123);
        for (int i = 0; i < s.instances().size(); i++) {
            LocalDate before = s.instances().get(i).studyDate(), after = shifted.instances().get(i).studyDate();
            if (before != null) assertThat(ChronoUnit.DAYS.between(before, after)).isEqualTo(-123);
            assertThat(shifted.instances().get(i).sopInstanceUid()).isEqualTo(s.instances().get(i).sopInstanceUid());
        }
        assertThat(shifted.patientBirthDate()).isEqualTo(s.patientBirthDate());
        assertThat(ShiftedStudy.of(s, 0)).isSameAs(s);
    }

    @Test
    void staffNamesComeFromTheHeaders() {
        StudyView s = ReportTestData.study("CT CHEST WO");
        org.radbridge.staging.InstanceRecord i = s.instances().get(0);
        org.radbridge.staging.InstanceRecord withStaff = new org.radbridge.staging.InstanceRecord(i.sopInstanceUid(), i.studyInstanceUid(),
                i.seriesInstanceUid(), i.sopClassUid(), i.transferSyntaxUid(), i.instanceNumber(), i.seriesNumber(), i.modality(),
                i.seriesDescription(), i.bodyPartExamined(), i.laterality(), i.seriesDate(), i.manufacturer(), i.modelName(), i.patientId(),
                i.issuerOfPatientId(), i.patientName(), i.patientBirthDate(), i.patientSex(), i.accessionNumber(), i.studyId(), i.studyDate(),
                i.studyTime(), i.studyDescription(), "LISKOV^BARBARA", i.institutionName(), i.source(), i.filePath(), i.fileSize(),
                java.util.Map.of("OperatorsName", "HOPPER^GRACE\\TURING^ALAN", "PatientName", "DOE^JANE"));
        StudyView staffed = new StudyView(s.studyInstanceUid(), s.patientId(), s.issuerOfPatientId(), s.patientName(), s.patientBirthDate(),
                s.patientSex(), s.accessionNumber(), s.studyDate(), s.studyTime(), s.studyDescription(), s.endpointUrl(), java.util.List.of(withStaff));
        assertThat(StaffNames.of(staffed)).containsExactly("LISKOV^BARBARA", "HOPPER^GRACE", "TURING^ALAN");
    }
}
