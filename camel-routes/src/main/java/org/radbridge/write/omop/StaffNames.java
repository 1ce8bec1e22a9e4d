package org.radbridge.write.omop;

import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The people the study's headers name (referring, performing, reading physicians, operators), as DICOM PN values: the
 * report scrubber takes their names out of the report text wherever they stand as a first-name + surname pair.
 */
final class StaffNames {
    private static final List<String> KEYWORDS = List.of("ReferringPhysicianName", "PerformingPhysicianName", "NameOfPhysiciansReadingStudy",
            "OperatorsName", "PhysiciansOfRecord", "RequestingPhysician");

    private StaffNames() {}

    static List<String> of(StudyView s) {
        Set<String> out = new LinkedHashSet<>();
        for (InstanceRecord i : s.instances()) {
            if (i.referringPhysician() != null) out.add(i.referringPhysician());
            if (i.attributes() == null) continue;
            for (String k : KEYWORDS) {
                String v = i.attributes().get(k);
                if (v != null && !v.isBlank()) for (String name : v.split("\\\\")) if (!name.isBlank()) out.add(name.strip());
            }
        }
        return List.copyOf(out);
    }
}
