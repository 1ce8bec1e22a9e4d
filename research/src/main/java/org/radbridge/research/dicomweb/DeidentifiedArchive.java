package org.radbridge.research.dicomweb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DicomDeidentifier;
import org.radbridge.deid.dicom.Part10;
import org.radbridge.research.export.HeaderList;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The research view of the staged archive, for the research DICOMweb: every dataset leaves through the same
 * de-identifier and profile as exports, addressed only by research (keyed 2.25) UIDs, which are traced back to staged
 * UIDs by hashing the staged ones (never stored). Nothing identified is returned, and nothing is looked up by an
 * identified value.
 */
public final class DeidentifiedArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeTag[] STUDY_LEVEL = {TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyTime,
            TagFromName.AccessionNumber, TagFromName.StudyID, TagFromName.StudyDescription, TagFromName.PatientID, TagFromName.PatientName,
            TagFromName.PatientBirthDate, TagFromName.PatientSex, TagFromName.PatientAge, TagFromName.ReferringPhysicianName,
            TagFromName.PatientIdentityRemoved, TagFromName.DeidentificationMethod};
    private static final AttributeTag[] SERIES_LEVEL = {TagFromName.SeriesInstanceUID, TagFromName.SeriesNumber, TagFromName.Modality,
            TagFromName.SeriesDescription, TagFromName.BodyPartExamined, TagFromName.Laterality, TagFromName.SeriesDate};
    private static final AttributeTag[] INSTANCE_LEVEL = {TagFromName.SOPInstanceUID, TagFromName.SOPClassUID, TagFromName.InstanceNumber,
            TagFromName.Rows, TagFromName.Columns, TagFromName.NumberOfFrames};

    private final DataSource ds;
    private final Pseudonymizer keys;
    private final DicomDeidentifier deid;

    public DeidentifiedArchive(DataSource ds, Pseudonymizer keys, DicomDeidentifier deid) {
        this.ds = ds;
        this.keys = keys;
        this.deid = deid;
    }

    /** One de-identified instance with its research UIDs. */
    public record Instance(String study, String series, String sop, AttributeList header, boolean flagged, String filePath,
                           String personKey) {}

    /** QIDO-RS studies: one dataset per study, filtered on de-identified values (research UIDs, research key, shifted dates). */
    public List<AttributeList> studies(Map<String, String> filters, int offset, int limit) throws SQLException, DicomException {
        List<AttributeList> out = new ArrayList<>();
        String wantedStudy = filters.get("StudyInstanceUID");
        int skipped = 0;
        for (String staged : stagedStudies()) {
            if (wantedStudy != null && !keys.uid(staged).equals(wantedStudy)) continue;
            List<Instance> instances = instances(staged);
            if (instances.isEmpty()) continue;
            AttributeList study = pick(instances.get(0).header(), STUDY_LEVEL);
            Set<String> modalities = new LinkedHashSet<>();
            Set<String> series = new LinkedHashSet<>();
            for (Instance i : instances) {
                series.add(i.series());
                String m = Attribute.getSingleStringValueOrEmptyString(i.header(), TagFromName.Modality);
                if (!m.isEmpty()) modalities.add(m);
            }
            put(study, TagFromName.ModalitiesInStudy, modalities.toArray(String[]::new));
            put(study, TagFromName.NumberOfStudyRelatedSeries, Integer.toString(series.size()));
            put(study, TagFromName.NumberOfStudyRelatedInstances, Integer.toString(instances.size()));
            if (!matches(study, filters)) continue;
            if (skipped++ < offset) continue;
            out.add(study);
            if (out.size() >= limit) break;
        }
        return out;
    }

    /** QIDO-RS series of a study. */
    public List<AttributeList> series(String researchStudy) throws SQLException, DicomException {
        Map<String, List<Instance>> bySeries = new LinkedHashMap<>();
        for (Instance i : instancesOfResearchStudy(researchStudy)) bySeries.computeIfAbsent(i.series(), k -> new ArrayList<>()).add(i);
        List<AttributeList> out = new ArrayList<>();
        for (List<Instance> s : bySeries.values()) {
            AttributeList l = pick(s.get(0).header(), SERIES_LEVEL);
            put(l, TagFromName.StudyInstanceUID, researchStudy);
            put(l, TagFromName.NumberOfSeriesRelatedInstances, Integer.toString(s.size()));
            out.add(l);
        }
        return out;
    }

    /** QIDO-RS instances of a series. */
    public List<AttributeList> instances(String researchStudy, String researchSeries) throws SQLException, DicomException {
        List<AttributeList> out = new ArrayList<>();
        for (Instance i : instancesOfResearchStudy(researchStudy)) {
            if (!i.series().equals(researchSeries)) continue;
            AttributeList l = pick(i.header(), INSTANCE_LEVEL);
            put(l, TagFromName.StudyInstanceUID, researchStudy);
            put(l, TagFromName.SeriesInstanceUID, researchSeries);
            out.add(l);
        }
        return out;
    }

    /** WADO-RS metadata: whole de-identified headers of a study, or of one series when given. */
    public List<AttributeList> metadata(String researchStudy, String researchSeries) throws SQLException, DicomException {
        List<AttributeList> out = new ArrayList<>();
        for (Instance i : instancesOfResearchStudy(researchStudy)) {
            if (researchSeries == null || i.series().equals(researchSeries)) out.add(i.header());
        }
        return out;
    }

    /**
     * WADO-RS instance: the de-identified Part 10 file with pixel data, when the received file is at hand and the
     * instance is not flagged for burned-in text; empty otherwise (the caller answers 404 with the reason).
     */
    public Optional<byte[]> instanceFile(String researchStudy, String researchSeries, String researchSop) throws SQLException, DicomException, IOException {
        for (Instance i : instancesOfResearchStudy(researchStudy)) {
            if (!i.series().equals(researchSeries) || !i.sop().equals(researchSop)) continue;
            if (i.flagged() || i.filePath() == null || !Files.isReadable(Path.of(i.filePath()))) return Optional.empty();
            AttributeList full = new AttributeList();
            full.setDecompressPixelData(false);
            full.read(Path.of(i.filePath()).toFile());
            String ts = Attribute.getSingleStringValueOrNull(full, TagFromName.TransferSyntaxUID);
            deid.deidentify(full, new DicomDeidentifier.Subject(i.personKey()));
            Path tmp = Files.createTempFile("radbridge-wado", ".dcm");
            try {
                Part10.write(full, tmp, ts);
                return Optional.of(Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return Optional.empty();
    }

    /** WADO-RS study or series retrieve: the instances that can be delivered with pixel data (see {@link #instanceFile}). */
    public List<byte[]> instanceFiles(String researchStudy, String researchSeries) throws SQLException, DicomException, IOException {
        List<byte[]> out = new ArrayList<>();
        for (Instance i : instancesOfResearchStudy(researchStudy)) {
            if (researchSeries != null && !i.series().equals(researchSeries)) continue;
            instanceFile(researchStudy, i.series(), i.sop()).ifPresent(out::add);
        }
        return out;
    }

    private List<Instance> instancesOfResearchStudy(String researchStudy) throws SQLException, DicomException {
        for (String staged : stagedStudies()) if (keys.uid(staged).equals(researchStudy)) return instances(staged);
        return List.of();
    }

    private List<String> stagedStudies() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid FROM radbridge.study ORDER BY first_received_at, study_instance_uid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private List<Instance> instances(String stagedStudy) throws SQLException, DicomException {
        List<Instance> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT i.sop_instance_uid, i.series_instance_uid, i.file_path, i.attributes::text, "
                     + "s.patient_id, s.issuer_of_patient_id FROM radbridge.instance i JOIN radbridge.study s ON s.study_instance_uid = i.study_instance_uid "
                     + "WHERE i.study_instance_uid = ? ORDER BY i.series_number NULLS LAST, i.series_instance_uid, i.instance_number NULLS LAST")) {
            ps.setString(1, stagedStudy);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> header;
                    try {
                        header = JSON.readValue(rs.getString(4), new TypeReference<Map<String, String>>() {});
                    } catch (IOException e) {
                        continue;
                    }
                    String personKey = keys.person(rs.getString(6), rs.getString(5));
                    AttributeList list = HeaderList.from(header);
                    DicomDeidentifier.Outcome o = deid.deidentify(list, new DicomDeidentifier.Subject(personKey));
                    out.add(new Instance(keys.uid(stagedStudy), keys.uid(rs.getString(2)), keys.uid(rs.getString(1)), list, o.burnedInFlag(),
                            rs.getString(3), personKey));
                }
            }
        }
        return out;
    }

    /** QIDO matching on the de-identified study: exact values, date ranges (a-b), lists of modalities. */
    static boolean matches(AttributeList study, Map<String, String> filters) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            AttributeTag tag = AttributeList.getDictionary().getTagFromName(f.getKey());
            if (tag == null || f.getValue() == null || f.getValue().isBlank()) continue;
            String want = f.getValue().strip();
            String[] have = Attribute.getStringValues(study, tag);
            if (have == null || have.length == 0) return false;
            boolean any = false;
            for (String h : have) {
                String v = h == null ? "" : h.strip();
                if (want.contains("-") && tag.equals(TagFromName.StudyDate)) {
                    String[] r = want.split("-", -1);
                    any |= (r[0].isEmpty() || v.compareTo(r[0]) >= 0) && (r[1].isEmpty() || v.compareTo(r[1]) <= 0);
                } else if (want.endsWith("*")) {
                    any |= v.toUpperCase().startsWith(want.substring(0, want.length() - 1).toUpperCase());
                } else {
                    for (String w : want.split(",")) any |= v.equalsIgnoreCase(w.strip());
                }
            }
            if (!any) return false;
        }
        return true;
    }

    private static AttributeList pick(AttributeList from, AttributeTag[] tags) {
        AttributeList out = new AttributeList();
        for (AttributeTag t : tags) {
            Attribute a = from.get(t);
            if (a != null) out.put(a);
        }
        return out;
    }

    private static void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag);
        for (String v : values) a.addValue(v);
        list.put(a);
    }
}
