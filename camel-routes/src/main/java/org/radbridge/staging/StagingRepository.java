package org.radbridge.staging;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The radbridge.* staging tables: instances and studies in, study views out. */
public final class StagingRepository {
    private final DataSource dataSource;
    private final PlaceholderPatientIds placeholders;

    public StagingRepository(DataSource dataSource) {
        this(dataSource, PlaceholderPatientIds.EMPTY_ONLY);
    }

    /** @param placeholders PatientID values that name nobody (see {@link PlaceholderPatientIds}) */
    public StagingRepository(DataSource dataSource, PlaceholderPatientIds placeholders) {
        this.dataSource = dataSource;
        this.placeholders = placeholders;
    }

    /**
     * Stages a batch in one transaction. Instances already staged are skipped; studies that gained
     * an instance are marked dirty so the next projection rebuilds them. Returns the new instances.
     */
    public int stage(List<InstanceRecord> batch) throws SQLException {
        if (batch.isEmpty()) return 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> touched = new HashSet<>();
                int inserted = 0;
                // one statement per batch: the rows go in as arrays, and RETURNING names exactly the
                // instances that were new, whose studies must be re-projected
                int n = batch.size();
                String[][] cols = new String[18][n];
                for (int k = 0; k < n; k++) {
                    InstanceRecord r = batch.get(k);
                    String[] v = {r.sopInstanceUid(), r.studyInstanceUid(), r.seriesInstanceUid(), r.sopClassUid(),
                            r.transferSyntaxUid(), str(r.instanceNumber()), str(r.seriesNumber()), cut(r.modality(), 16),
                            cut(r.seriesDescription(), 256), cut(r.bodyPartExamined(), 64), cut(r.laterality(), 16),
                            r.seriesDate() == null ? null : r.seriesDate().toString(), cut(r.manufacturer(), 128),
                            cut(r.modelName(), 128), r.source(), r.filePath(), String.valueOf(r.fileSize()), json(r.attributes())};
                    for (int col = 0; col < v.length; col++) cols[col][k] = v[col];
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO radbridge.instance (sop_instance_uid, study_instance_uid, series_instance_uid, sop_class_uid, "
                                + "transfer_syntax_uid, instance_number, series_number, modality, series_description, body_part_examined, "
                                + "laterality, series_date, manufacturer, model_name, source, file_path, file_size, attributes) "
                                + "SELECT a, b, c, d, e, f::int, g::int, h, i, j, k, l::date, m, n, o, p, q::bigint, r::jsonb "
                                + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                                + "AS u(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r) "
                                // in key order, as V18's trigger adds its keys: concurrent batches that share instances
                                // wait for each other instead of deadlocking
                                + "ORDER BY a "
                                + "ON CONFLICT (sop_instance_uid) DO NOTHING RETURNING study_instance_uid")) {
                    for (int col = 0; col < cols.length; col++) ps.setArray(col + 1, c.createArrayOf("text", cols[col]));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            inserted++;
                            touched.add(rs.getString(1));
                        }
                    }
                }
                if (!touched.isEmpty()) upsertStudies(c, batch, touched);
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** An instance that could not be staged, and why (the database refused one of its values). */
    public record Rejection(InstanceRecord record, String reason) {}

    /**
     * As {@link #stage}, but a batch the database refuses for its content is split in halves until the instances it
     * refuses stand alone: those are returned in {@code rejected}, all others are staged. An outage (anything but a data
     * error) is thrown as before, so nothing is wrongly rejected while the database is away.
     */
    public int stageSplitting(List<InstanceRecord> batch, List<Rejection> rejected) throws SQLException {
        try {
            return stage(batch);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException sql && !SqlStates.isDataProblem(sql)) throw sql;
            if (batch.size() == 1) {
                rejected.add(new Rejection(batch.get(0), "the staging database refused a value: " + oneLine(e)));
                return 0;
            }
            int mid = batch.size() / 2;
            return stageSplitting(batch.subList(0, mid), rejected) + stageSplitting(batch.subList(mid, batch.size()), rejected);
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }

    private void upsertStudies(Connection c, List<InstanceRecord> batch, Set<String> touched) throws SQLException {
        Set<String> done = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO radbridge.study (study_instance_uid, patient_id, issuer_of_patient_id, patient_name, patient_birth_date, "
                        + "patient_sex, accession_number, study_id, study_date, study_time, study_description, referring_physician, "
                        + "institution_name, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT (study_instance_uid) DO UPDATE SET dirty = true, last_received_at = now()")) {
            for (InstanceRecord r : batch) {
                if (!touched.contains(r.studyInstanceUid()) || !done.add(r.studyInstanceUid())) continue;
                int i = 1;
                ps.setString(i++, r.studyInstanceUid());
                ps.setString(i++, cut(r.patientId(), 64));
                ps.setString(i++, cut(r.issuerOfPatientId(), 64));
                ps.setString(i++, cut(r.patientName(), 324));
                ps.setDate(i++, r.patientBirthDate() == null ? null : Date.valueOf(r.patientBirthDate()));
                ps.setString(i++, cut(r.patientSex(), 16));
                ps.setString(i++, cut(r.accessionNumber(), 64));
                ps.setString(i++, cut(r.studyId(), 16));
                ps.setDate(i++, r.studyDate() == null ? null : Date.valueOf(r.studyDate()));
                ps.setTime(i++, r.studyTime() == null ? null : Time.valueOf(r.studyTime()));
                ps.setString(i++, cut(r.studyDescription(), 256));
                ps.setString(i++, cut(r.referringPhysician(), 324));
                ps.setString(i++, cut(r.institutionName(), 256));
                ps.setString(i, r.source());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<String> dirtyStudies() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT study_instance_uid FROM radbridge.study WHERE dirty ORDER BY first_received_at, study_instance_uid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Those of the given studies that wait for a projection, in arrival order. */
    public List<String> dirtyAmong(List<String> studyUids) throws SQLException {
        List<String> out = new ArrayList<>();
        if (studyUids.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid FROM radbridge.study WHERE dirty "
                     + "AND study_instance_uid = ANY(?) ORDER BY first_received_at, study_instance_uid")) {
            ps.setArray(1, c.createArrayOf("text", studyUids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The patient (issuer and ID) of a study, and whether the study names a source endpoint. */
    public record PatientOfStudy(String patientKey, boolean hasEndpoint) {}

    /** The patients of the given studies, by study UID (studies not staged are absent). */
    public Map<String, PatientOfStudy> patientsOf(List<String> studyUids) throws SQLException {
        Map<String, PatientOfStudy> out = new java.util.HashMap<>();
        if (studyUids.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid, issuer_of_patient_id, patient_id, endpoint_url IS NOT NULL "
                     + "FROM radbridge.study WHERE study_instance_uid = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", studyUids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), new PatientOfStudy(rs.getString(2) + "|" + rs.getString(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    /** Dirty studies that received nothing for the quiet period: instances sent one by one have settled. */
    public List<String> dirtyStudiesQuietFor(java.time.Duration quiet) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT study_instance_uid FROM radbridge.study WHERE dirty AND last_received_at <= now() - make_interval(secs => ?) "
                             + "ORDER BY first_received_at, study_instance_uid")) {
            ps.setDouble(1, quiet.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    public List<String> allStudies() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid FROM radbridge.study ORDER BY study_instance_uid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    public StudyView load(String studyUid) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            StudyView header;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT patient_id, issuer_of_patient_id, patient_name, patient_birth_date, patient_sex, accession_number, "
                            + "study_date, study_time, study_description, endpoint_url FROM radbridge.study WHERE study_instance_uid = ?")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    header = new StudyView(studyUid, rs.getString(1), rs.getString(2), rs.getString(3), localDate(rs, 4),
                            rs.getString(5), rs.getString(6), localDate(rs, 7), localTime(rs, 8), rs.getString(9), rs.getString(10), List.of());
                }
            }
            List<InstanceRecord> instances = new ArrayList<>();
            Map<String, LocalDate> dates = new java.util.HashMap<>();
            String age = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT sop_instance_uid, series_instance_uid, sop_class_uid, transfer_syntax_uid, instance_number, series_number, "
                            + "modality, series_description, body_part_examined, laterality, series_date, manufacturer, model_name, source, "
                            + "file_path, file_size, attributes->>'AcquisitionDate', attributes->>'ContentDate', "
                            + "attributes->>'InstanceCreationDate', attributes->>'PatientAge' "
                            + "FROM radbridge.instance WHERE study_instance_uid = ?")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        earliest(dates, "SeriesDate", localDate(rs, 11));
                        for (int k = 0; k < 3; k++) {
                            earliest(dates, StudyFacts.DATE_FALLBACKS.get(k + 1), InstanceRecords.date(rs.getString(17 + k)));
                        }
                        if (age == null) age = rs.getString(20);
                        instances.add(new InstanceRecord(rs.getString(1), studyUid, rs.getString(2), rs.getString(3), rs.getString(4),
                                (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10), localDate(rs, 11), rs.getString(12), rs.getString(13),
                                header.patientId(), header.issuerOfPatientId(), header.patientName(), header.patientBirthDate(),
                                header.patientSex(), header.accessionNumber(), null, header.studyDate(), header.studyTime(),
                                header.studyDescription(), null, null, rs.getString(14), rs.getString(15), rs.getLong(16), Map.of()));
                    }
                }
            }
            return new StudyView(header.studyInstanceUid(), header.patientId(), header.issuerOfPatientId(), header.patientName(),
                    header.patientBirthDate(), header.patientSex(), header.accessionNumber(), header.studyDate(), header.studyTime(),
                    header.studyDescription(), header.endpointUrl(), instances,
                    StudyFacts.derive(header.studyDate(), header.patientBirthDate(), dates, age, placeholders.isPlaceholder(header.patientId())));
        }
    }

    private static void earliest(Map<String, LocalDate> dates, String key, LocalDate d) {
        if (d != null) dates.merge(key, d, (a, b) -> a.isBefore(b) ? a : b);
    }

    /**
     * When the study last received anything (instances, an endpoint), as committed now: a projection reads it before it
     * loads the study and hands it back to {@link #markProjected}.
     */
    public java.time.OffsetDateTime lastReceivedAt(String studyUid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_received_at FROM radbridge.study WHERE study_instance_uid = ?")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, java.time.OffsetDateTime.class) : null;
            }
        }
    }

    /**
     * Clears the dirty mark unless the study received something since the projection read {@link #lastReceivedAt}
     * ({@code seenLastReceived}), and any earlier failure or exclusion. Compared for a change, not against the
     * projection's start: a transaction's {@code now()} is its start, so instances or an endpoint whose transaction began
     * before the projection and committed after its load carry an earlier time than the projection's start, and were
     * cleared unprojected (a DICOMweb study without its endpoint, twice on a loaded machine, sessions 35 and 36). A
     * transaction still open when this runs holds the row, and this update waits for it and reads its value.
     */
    public void markProjected(String studyUid, java.time.OffsetDateTime seenLastReceived) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE radbridge.study SET dirty = dirty AND last_received_at IS DISTINCT FROM ?, projected_at = now(), fhir_pending = false, "
                             + "projection_failed_reason = NULL, projection_failed_at = NULL, omop_excluded_reason = NULL "
                             + "WHERE study_instance_uid = ?")) {
            ps.setObject(1, seenLastReceived);
            ps.setString(2, studyUid);
            ps.executeUpdate();
        }
    }

    /**
     * As {@link #markProjected}, after a projection of the OMOP view alone: a study whose FHIR resources are now behind
     * (it was dirty, one of its reports was, or its last projection had failed) is marked {@code fhir_pending}, for
     * {@link #requeueFhirPending} to put back in the queue when the whole pipeline runs again.
     */
    public void markOmopProjected(String studyUid, java.time.OffsetDateTime seenLastReceived) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE radbridge.study s SET fhir_pending = s.fhir_pending OR s.dirty OR s.projection_failed_reason IS NOT NULL "
                             + "OR EXISTS (SELECT 1 FROM radbridge.report r WHERE r.study_link_uid = s.study_instance_uid AND r.dirty), "
                             + "dirty = s.dirty AND s.last_received_at IS DISTINCT FROM ?, projected_at = now(), "
                             + "projection_failed_reason = NULL, projection_failed_at = NULL, omop_excluded_reason = NULL "
                             + "WHERE s.study_instance_uid = ?")) {
            ps.setObject(1, seenLastReceived);
            ps.setString(2, studyUid);
            ps.executeUpdate();
        }
    }

    /** How many studies wait for their FHIR projection after an OMOP-only one. */
    public int fhirPending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM radbridge.study WHERE fhir_pending");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Makes the studies an OMOP-only projection left behind in FHIR dirty again, so that both views are projected; how many. */
    public int requeueFhirPending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE radbridge.study SET dirty = true, fhir_pending = false WHERE fhir_pending")) {
            return ps.executeUpdate();
        }
    }

    /**
     * A projection that failed for a data problem: the study leaves the queue (unless instances arrived meanwhile) with
     * the reason; new instances or a mappings change make it due again.
     */
    public void markFailed(String studyUid, java.time.OffsetDateTime seenLastReceived, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE radbridge.study SET dirty = dirty AND last_received_at IS DISTINCT FROM ?, projection_failed_reason = ?, "
                             + "projection_failed_at = now() WHERE study_instance_uid = ?")) {
            ps.setObject(1, seenLastReceived);
            ps.setString(2, reason.replace("\u0000", ""));
            ps.setString(3, studyUid);
            ps.executeUpdate();
        }
    }

    /** FHIR has the study, OMOP's rules exclude it (no date, no year of birth): why. Set after {@link #markProjected}. */
    public void markOmopExcluded(String studyUid, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE radbridge.study SET omop_excluded_reason = ? WHERE study_instance_uid = ?")) {
            ps.setString(1, reason);
            ps.setString(2, studyUid);
            ps.executeUpdate();
        }
    }

    /** A study that is not (fully) in the views, or whose patient is a placeholder, and why. */
    public record StudyNote(String studyInstanceUid, String kind, String reason) {
        public static final String FAILED = "not in FHIR or OMOP";
        public static final String NOT_IN_OMOP = "in FHIR, not in OMOP";
        public static final String PLACEHOLDER = "placeholder patient";
        public static final String PENDING = "waiting for projection";
    }

    /** Counts by kind over all of staging, with the first {@code limit} notes of each kind. */
    public record StudyNotes(Map<String, Long> counts, List<StudyNote> first) {}

    public StudyNotes studyNotes(int limit) throws SQLException {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        List<StudyNote> first = new ArrayList<>();
        List<String> ids = new ArrayList<>(placeholders.values());
        ids.add("");
        String[][] queries = {
                {StudyNote.FAILED, "projection_failed_reason IS NOT NULL", "projection_failed_reason"},
                {StudyNote.NOT_IN_OMOP, "omop_excluded_reason IS NOT NULL AND projection_failed_reason IS NULL", "omop_excluded_reason"},
                {StudyNote.PENDING, "dirty AND projection_failed_reason IS NULL", "'not projected yet (pending or retrying after an outage)'"},
                {StudyNote.PLACEHOLDER, "upper(btrim(patient_id)) = ANY(?)",
                        "'PatientID empty or a placeholder: a patient of its own (keyed by issuer and Study Instance UID)'"}};
        try (Connection c = dataSource.getConnection()) {
            for (String[] q : queries) {
                try (PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid, " + q[2] + ", count(*) OVER () FROM radbridge.study WHERE "
                        + q[1] + " ORDER BY study_instance_uid LIMIT ?")) {
                    int i = 1;
                    if (q[1].contains("?")) ps.setArray(i++, c.createArrayOf("text", ids.toArray()));
                    ps.setInt(i, Math.max(1, limit));
                    try (ResultSet rs = ps.executeQuery()) {
                        long n = 0;
                        int taken = 0;
                        while (rs.next()) {
                            n = rs.getLong(3);
                            if (taken++ < limit) first.add(new StudyNote(rs.getString(1), q[0], rs.getString(2)));
                        }
                        counts.put(q[0], n);
                    }
                }
            }
        }
        return new StudyNotes(counts, first);
    }

    /**
     * Records where a study can be retrieved (the WADO-RS base of the PACS it came from); a changed
     * endpoint marks the study dirty, as the ImagingStudy names it. It counts as received now, like new instances: a
     * projection that started before it (and so built the ImagingStudy without the endpoint) must not clear the mark.
     */
    public void setEndpoint(String studyUid, String url) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE radbridge.study SET endpoint_url = ?, dirty = true, last_received_at = now() "
                     + "WHERE study_instance_uid = ? AND endpoint_url IS DISTINCT FROM ?")) {
            ps.setString(1, url);
            ps.setString(2, studyUid);
            ps.setString(3, url);
            ps.executeUpdate();
        }
    }

    /** The studies of one patient, for the person-level OMOP rows (observation period). */
    public List<LocalDate> studyDatesOfPatient(String issuer, String patientId) throws SQLException {
        List<LocalDate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT study_date FROM radbridge.study WHERE issuer_of_patient_id = ? AND patient_id = ? AND study_date IS NOT NULL")) {
            ps.setString(1, issuer);
            ps.setString(2, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getDate(1).toLocalDate());
            }
        }
        return out;
    }

    private static LocalDate localDate(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    private static LocalTime localTime(ResultSet rs, int i) throws SQLException {
        Time t = rs.getTime(i);
        return t == null ? null : t.toLocalTime();
    }

    private static String str(Integer v) {
        return v == null ? null : v.toString();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * The header as a JSON object of strings, written by hand: a general-purpose serializer per instance was most of the
     * staging thread's time. Quotes, backslashes and control characters are escaped (RFC 8259, section 7); NUL is
     * dropped, as PostgreSQL text cannot hold it and some modalities pad values with it.
     */
    static String json(Map<String, String> attributes) {
        StringBuilder b = new StringBuilder(attributes.size() * 48);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!first) b.append(',');
            first = false;
            jsonString(b, e.getKey());
            b.append(':');
            jsonString(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void jsonString(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0 -> { }
                default -> {
                    if (c < 0x20) b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
