package org.radbridge.deid.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.radbridge.deid.Pseudonymizer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DicomDeidentifierTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String SC = "1.2.840.10008.5.1.4.1.1.7";
    private final Pseudonymizer keys = new Pseudonymizer("deid-engine-test-key-0123456789");

    private static Path home() {
        return Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
    }

    @Test
    void theShippedTableHasEveryRowAndActionOfTheSharedTranscription() throws Exception {
        Path shared = home().resolve("../shared/deid/ps315_tableE1-1_rev2024b_innolitics.json").normalize();
        assumeTrue(Files.isRegularFile(shared), "skipped: " + shared + " absent");
        JsonNode source = new ObjectMapper().readTree(shared.toFile());
        DeidTable table = DeidTable.shipped();
        Map<String, DeidOption> byColumn = DeidOption.byTableColumn();
        assertThat(table.rows()).hasSize(source.size());
        int i = 0, options = 0;
        for (JsonNode e : source) {
            DeidTable.Row r = table.rows().get(i++);
            assertThat(r.tag()).isEqualTo(e.get("tag").asText());
            assertThat(r.basic()).as(r.name()).isEqualTo(e.get("basicProfile").asText());
            for (Map.Entry<String, DeidOption> c : byColumn.entrySet()) {
                String want = e.path(c.getKey()).isMissingNode() || e.get(c.getKey()).isNull() ? null : e.get(c.getKey()).asText();
                assertThat(r.options().get(c.getValue().id())).as(r.name() + " " + c.getKey()).isEqualTo(want);
                if (want != null) options++;
            }
        }
        System.out.printf("Table E.1-1 %s: %d attributes, %d option actions, identical to %s%n", table.revision(), table.rows().size(), options, shared);
    }

    @Test
    void noMarkerOfAnyTableAttributePrivateTagOrNestedSequenceSurvivesTheResearchProfile() throws Exception {
        DeidProfile profile = DeidProfile.load("research");
        DicomDeidentifier deid = new DicomDeidentifier(profile, keys, DescriptorReviewer.NONE, "test");
        MarkerDataset.Generated g = MarkerDataset.generate(profile.table(), "PHIQ", CT, 1);
        AttributeList original = reread(Part10.bytes(copy(g.list())));
        AttributeList list = reread(Part10.bytes(g.list()));
        String personKey = keys.person("HOSP", "PHIQ-PATIENT");
        DicomDeidentifier.Outcome outcome = deid.deidentify(list, new DicomDeidentifier.Subject(personKey));
        byte[] out = Part10.bytes(list);
        String text = new String(out, StandardCharsets.ISO_8859_1);
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> m : g.markers().entrySet()) {
            if (m.getValue().matches("\\d{8}(\\d{6})?")) continue; // dates are checked by the score (a shifted date may meet another)
            if (text.contains(m.getValue())) leaks.add(m.getKey() + " " + m.getValue());
        }
        assertThat(text).doesNotContain("PHIQ");
        assertThat(leaks).isEmpty();
        AttributeList written = reread(out);
        assertThat(Attribute.getSingleStringValueOrEmptyString(written, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(Attribute.getSingleStringValueOrEmptyString(written, TagFromName.PatientID)).isEqualTo(personKey);
        assertThat(Attribute.getSingleStringValueOrEmptyString(written, TagFromName.LongitudinalTemporalInformationModified)).isEqualTo("MODIFIED");
        Set<String> codes = new HashSet<>();
        SequenceAttribute seq = (SequenceAttribute) written.get(TagFromName.DeidentificationMethodCodeSequence);
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            codes.add(Attribute.getSingleStringValueOrEmptyString(seq.getItem(i).getAttributeList(), TagFromName.CodeValue));
        }
        assertThat(codes).containsExactlyInAnyOrder("113100", "113107", "113108", "113105", "113104", "113103");
        assertThat(outcome.burnedInFlag()).isFalse();
        assertThat(outcome.shiftDays()).isNotZero().isBetween(-365, 365);

        DeidScore.Result score = DeidScore.score(original, written, profile, keys, outcome.shiftDays());
        System.out.println("MIDI-B-style score, research profile, " + original.size() + " attributes in (" + g.markers().size()
                + " with markers), actions " + outcome.actions() + ":\n" + score.format());
        score.failures().forEach(f -> System.out.println("  " + f));
        assertThat(score.byAction().get("remove").share()).isEqualTo(1.0);
        assertThat(score.byAction().get("replace").share()).isEqualTo(1.0);
        assertThat(score.byAction().get("shift").share()).isEqualTo(1.0);
        assertThat(score.byAction().get("keep").required()).isGreaterThan(5);
        assertThat(score.byAction().get("clean").share()).isEqualTo(1.0);
    }

    @Test
    void theBasicProfileRemovesDatesAndTheSamePersonAlwaysGetsTheSameShiftAndUids() throws Exception {
        DeidProfile basic = DeidProfile.load("basic");
        AttributeList list = reread(Part10.bytes(MarkerDataset.generate(basic.table(), "PHIB", CT, 2).list()));
        String sop = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID);
        new DicomDeidentifier(basic, keys, null, "test").deidentify(list, new DicomDeidentifier.Subject("k1"));
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyDate)).isEmpty();
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID)).isEqualTo(keys.uid(sop)).startsWith("2.25.");
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.LongitudinalTemporalInformationModified)).isEqualTo("REMOVED");
        assertThat(new String(Part10.bytes(list), StandardCharsets.ISO_8859_1)).doesNotContain("PHIB");

        DicomDeidentifier research = new DicomDeidentifier(DeidProfile.load("research"), keys, null, "test");
        assertThat(research.dateShift().days("person-a")).isEqualTo(research.dateShift().days("person-a"));
        Set<Integer> shifts = new HashSet<>();
        for (int i = 0; i < 50; i++) shifts.add(research.dateShift().days("person-" + i));
        assertThat(shifts).hasSizeGreaterThan(30).doesNotContain(0);
    }

    @Test
    void secondaryCaptureAndBurnedInAnnotationYesAreFlagged() throws Exception {
        DicomDeidentifier deid = new DicomDeidentifier(DeidProfile.load("research"), keys, null, "test");
        AttributeList sc = reread(Part10.bytes(MarkerDataset.generate(DeidTable.shipped(), "PHIS", SC, 3).list()));
        assertThat(deid.deidentify(sc, new DicomDeidentifier.Subject("k")).burnedInFlag()).isTrue();
        AttributeList ct = reread(Part10.bytes(MarkerDataset.generate(DeidTable.shipped(), "PHIC", CT, 4).list()));
        Attribute b = com.pixelmed.dicom.AttributeFactory.newAttribute(TagFromName.BurnedInAnnotation);
        b.addValue("YES");
        ct.put(b);
        DicomDeidentifier.Outcome o = deid.deidentify(ct, new DicomDeidentifier.Subject("k"));
        assertThat(o.burnedInFlag()).isTrue();
        assertThat(o.burnedInReason()).contains("BurnedInAnnotation");
    }

    @Test
    void retainSafePrivateKeepsOnlyAllowListedPrivateAttributes() throws Exception {
        DeidProfile p = DeidProfile.load("research-device");
        AttributeList list = reread(Part10.bytes(MarkerDataset.generate(p.table(), "PHIP", CT, 5).list()));
        Attribute creator = com.pixelmed.dicom.AttributeFactory.newAttribute(new com.pixelmed.dicom.AttributeTag(0x0019, 0x0010), "LO".getBytes());
        creator.addValue("GEMS_ACQU_01");
        list.put(creator);
        Attribute safe = com.pixelmed.dicom.AttributeFactory.newAttribute(new com.pixelmed.dicom.AttributeTag(0x0019, 0x109E), "LO".getBytes());
        safe.addValue("FSE");
        list.put(safe);
        new DicomDeidentifier(p, keys, null, "test").deidentify(list, new DicomDeidentifier.Subject("k"));
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, new com.pixelmed.dicom.AttributeTag(0x0019, 0x109E))).isEqualTo("FSE");
        assertThat(list.get(new com.pixelmed.dicom.AttributeTag(0x0019, 0x0010))).isNotNull();
        assertThat(list.get(new com.pixelmed.dicom.AttributeTag(0x0009, 0x1001))).isNull();
        assertThat(list.get(new com.pixelmed.dicom.AttributeTag(0x0009, 0x0010))).isNull();
    }

    private static AttributeList copy(AttributeList l) throws Exception {
        return reread(Part10.bytes(l));
    }

    private static AttributeList reread(byte[] bytes) throws Exception {
        AttributeList l = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(bytes))) {
            l.read(in);
        }
        return l;
    }
}
