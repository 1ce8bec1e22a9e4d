package org.radbridge.staging;

import org.junit.jupiter.api.Test;
import org.radbridge.dicom.DicomHeader;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceRecordsTest {
    private static Map<String, String> complete() {
        Map<String, String> m = new HashMap<>();
        m.put("StudyInstanceUID", "1.2.3");
        m.put("SeriesInstanceUID", "1.2.3.4");
        m.put("SOPInstanceUID", "1.2.3.4.5");
        m.put("PatientID", "MRN1");
        m.put("StudyDate", "20240131");
        m.put("StudyTime", "101502.123");
        m.put("PatientBirthDate", "19600229");
        m.put("InstanceNumber", "7");
        m.put("ImageLaterality", "L");
        return m;
    }

    @Test
    void mapsTheAttributesProjectionsUse() throws Exception {
        InstanceRecord r = InstanceRecords.from(new DicomHeader(complete()), Path.of("/x.dcm"), 10, "folder");
        assertThat(r.studyDate()).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(r.studyTime()).isEqualTo(LocalTime.of(10, 15, 2));
        assertThat(r.patientBirthDate()).isEqualTo(LocalDate.of(1960, 2, 29));
        assertThat(r.instanceNumber()).isEqualTo(7);
        assertThat(r.laterality()).isEqualTo("L");
        assertThat(r.seriesDate()).as("falls back to the study date").isEqualTo(r.studyDate());
        assertThat(r.issuerOfPatientId()).isEmpty();
    }

    @Test
    void refusesInstancesWithoutTheirThreeUids() {
        for (String uid : new String[] {"StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"}) {
            Map<String, String> m = complete();
            m.remove(uid);
            assertThatThrownBy(() -> InstanceRecords.from(new DicomHeader(m), null, 0, "folder")).hasMessage("missing " + uid);
        }
    }

    @Test
    void refusesMalformedUids() {
        Map<String, String> m = complete();
        m.put("SOPInstanceUID", "1.2.abc");
        assertThatThrownBy(() -> InstanceRecords.from(new DicomHeader(m), null, 0, "folder")).hasMessageContaining("invalid SOPInstanceUID");
    }

    @Test
    void badDatesBecomeNullInsteadOfFailing() {
        assertThat(InstanceRecords.date("2024")).isNull();
        assertThat(InstanceRecords.date("20241345")).isNull();
        assertThat(InstanceRecords.time("99")).isNull();
    }
}
