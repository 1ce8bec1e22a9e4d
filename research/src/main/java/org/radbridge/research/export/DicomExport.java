package org.radbridge.research.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DicomDeidentifier;
import org.radbridge.deid.dicom.Part10;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes de-identified DICOM Part 10 files for a set of staged studies: {@code OUT/<research study UID>/<research series
 * UID>/<research SOP instance UID>.dcm}, plus {@code OUT/export-report.json}. Headers come from staging; with pixels
 * requested, an instance whose received file is still at hand (spool, folder ingest) is exported whole; one whose file
 * is gone or was never received (DICOMweb metadata pull) is first fetched back from its source ({@link SourceRetrieval}:
 * WADO-RS or C-GET) into a temporary spool; either is de-identified with the same profile. Instances flagged for
 * burned-in text stay header-only and are not fetched. A failed retrieval is counted with its reason in the report. Progress with an ETA goes to the given stream (stderr).
 */
public final class DicomExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param callingAe     our AE title for C-GET from a DIMSE source, and the C-MOVE destination
     * @param receiverSpool the running server's receiver spool (C-MOVE lands there), or null
     * @param preferMove    C-MOVE before C-GET
     */
    public record Options(Path out, boolean pixels, String purpose, String version, String callingAe, Path receiverSpool, boolean preferMove) {
        public Options(Path out, boolean pixels, String purpose, String version) {
            this(out, pixels, purpose, version, "RADBRIDGE", null, false);
        }
    }

    public record Report(int studies, int series, int instances, int withPixels, int headerOnly, int flaggedBurnedIn,
                         int pixelsUnavailable, int failed, Map<String, Integer> flaggedReasons, Map<String, Integer> actions,
                         Path reportFile, long auditId, int retrieved, int retrievalFailed, Map<String, Integer> retrievalFailures) {}

    private final DataSource ds;
    private final Pseudonymizer keys;
    private final DicomDeidentifier deid;
    private final PrintStream progress;

    public DicomExport(DataSource ds, Pseudonymizer keys, DicomDeidentifier deid, PrintStream progress) {
        this.ds = ds;
        this.keys = keys;
        this.deid = deid;
        this.progress = progress;
    }

    private record Staged(String sop, String study, String series, String filePath, String attributes, String patientId, String issuer,
                          String sopClass, SourceRetrieval.Origin origin) {}

    public Report run(List<String> studyUids, Options o) throws SQLException, IOException {
        Files.createDirectories(o.out());
        int total = count(studyUids);
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> actions = new TreeMap<>();
        java.util.Set<String> studies = new java.util.HashSet<>(), series = new java.util.HashSet<>();
        Map<String, Integer> retrievalFailures = new TreeMap<>(), retrievedBy = new TreeMap<>();
        int done = 0, withPixels = 0, headerOnly = 0, flagged = 0, unavailable = 0, failed = 0, retrieved = 0, retrievalFailed = 0;
        Instant start = Instant.now();
        Instant lastReport = Instant.EPOCH;
        try (SourceRetrieval retrieval = new SourceRetrieval(Files.createTempDirectory("radbridge-export-spool"), o.callingAe(),
                o.receiverSpool(), o.preferMove());
             Connection c = ds.getConnection();
             // the source of each study: its WADO-RS endpoint (DICOMweb pulls), else the PACS of its latest DIMSE pull
             PreparedStatement ps = c.prepareStatement("WITH dimse AS (SELECT DISTINCT ON (ps.study_instance_uid) ps.study_instance_uid, j.peer "
                     + "FROM radbridge.pull_study ps JOIN radbridge.pull_job j ON j.job_key = ps.job_key "
                     + "WHERE j.kind LIKE 'dimse%' AND ps.study_instance_uid = ANY(?) ORDER BY ps.study_instance_uid, ps.updated_at DESC) "
                     + "SELECT i.sop_instance_uid, i.study_instance_uid, i.series_instance_uid, i.file_path, "
                     + "i.attributes::text, s.patient_id, s.issuer_of_patient_id, i.sop_class_uid, s.source, s.endpoint_url, d.peer "
                     + "FROM radbridge.instance i JOIN radbridge.study s ON s.study_instance_uid = i.study_instance_uid "
                     + "LEFT JOIN dimse d ON d.study_instance_uid = i.study_instance_uid WHERE i.study_instance_uid = ANY(?) "
                     + "ORDER BY i.study_instance_uid, i.series_instance_uid, i.instance_number NULLS LAST, i.sop_instance_uid")) {
            c.setAutoCommit(false);
            ps.setFetchSize(200);
            Array uids = c.createArrayOf("varchar", studyUids.toArray());
            ps.setArray(1, uids);
            ps.setArray(2, uids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Staged s = new Staged(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), new SourceRetrieval.Origin(rs.getString(9), rs.getString(10), rs.getString(11)));
                    String personKey = keys.person(s.issuer(), s.patientId());
                    try {
                        AttributeList header = HeaderList.from(JSON.readValue(s.attributes(), new TypeReference<Map<String, String>>() {}));
                        DicomDeidentifier.Outcome outcome = deid.deidentify(header, new DicomDeidentifier.Subject(personKey));
                        AttributeList written = header;
                        String ts = null;
                        if (outcome.burnedInFlag()) {
                            flagged++;
                            reasons.merge(outcome.burnedInReason().startsWith("SOP class") ? "burned-in-prone SOP class" : outcome.burnedInReason(), 1, Integer::sum);
                        }
                        if (o.pixels() && !outcome.burnedInFlag()) {
                            Path file = s.filePath() == null ? null : Path.of(s.filePath());
                            if (file == null || !Files.isReadable(file)) {
                                try {
                                    file = retrieval.fetch(s.origin(), s.study(), s.series(), s.sop(), s.sopClass());
                                    retrieved++;
                                } catch (SourceRetrieval.Failed e) {
                                    // counted with its reason in the report; the instance is still exported, header only
                                    file = null;
                                    retrievalFailed++;
                                    retrievalFailures.merge(e.getMessage(), 1, Integer::sum);
                                }
                            }
                            if (file != null && Files.isReadable(file)) {
                                AttributeList full = new AttributeList();
                                full.setDecompressPixelData(false);
                                full.read(file.toFile());
                                ts = Attribute.getSingleStringValueOrNull(full, TagFromName.TransferSyntaxUID);
                                outcome = deid.deidentify(full, new DicomDeidentifier.Subject(personKey));
                                written = full;
                                withPixels++;
                            } else {
                                unavailable++;
                                headerOnly++;
                            }
                        } else {
                            headerOnly++;
                        }
                        outcome.actions().forEach((k, v) -> actions.merge(k, v, Integer::sum));
                        String rStudy = keys.uid(s.study()), rSeries = keys.uid(s.series()), rSop = keys.uid(s.sop());
                        studies.add(rStudy);
                        series.add(rSeries);
                        Part10.write(written, o.out().resolve(rStudy).resolve(rSeries).resolve(rSop + ".dcm"), ts);
                    } catch (IOException | DicomException | RuntimeException e) {
                        // counted, never logged with the instance's identifiers
                        failed++;
                    }
                    done++;
                    Instant now = Instant.now();
                    if (Duration.between(lastReport, now).toMillis() >= 2000 || done == total) {
                        lastReport = now;
                        progress.println(progressLine(done, total, Duration.between(start, now)));
                    }
                }
            }
            c.commit();
            retrievedBy.putAll(retrieval.retrievedBy());
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("radbridgeVersion", o.version());
        report.put("exportedAt", Instant.now().toString());
        report.put("purpose", o.purpose());
        report.put("profile", deid.profile().name());
        report.put("profileDescription", deid.profile().description());
        report.putPOJO("options", deid.profile().options());
        report.put("table", "DICOM PS3.15 Table E.1-1 " + deid.profile().table().revision());
        report.put("dateShift", deid.profile().shiftsDates() ? "per person, keyed, within +/-" + deid.profile().dateShiftMaxDays() + " days" : "none");
        report.put("pixelsRequested", o.pixels());
        ObjectNode counts = report.putObject("counts");
        counts.put("studies", studies.size());
        counts.put("series", series.size());
        counts.put("instances", done);
        counts.put("withPixels", withPixels);
        counts.put("headerOnly", headerOnly);
        counts.put("flaggedBurnedIn", flagged);
        counts.put("pixelsUnavailable", unavailable);
        counts.put("failed", failed);
        counts.put("retrievedFromSource", retrieved);
        counts.put("retrievalFailed", retrievalFailed);
        report.putPOJO("flaggedReasons", reasons);
        report.putPOJO("retrievedBy", retrievedBy);
        report.putPOJO("retrievalFailures", retrievalFailures);
        report.putPOJO("attributeActions", actions);
        Path reportFile = o.out().resolve("export-report.json");
        JSON.writeValue(reportFile.toFile(), report);
        long audit = DeidAudit.record(ds, "export", DeidAudit.actor(), o.purpose(), deid.profile().name(),
                String.join(",", deid.profile().options()), studyUids.size() + " studies to " + o.out().toAbsolutePath(),
                JSON.writeValueAsString(report.get("counts")), o.version());
        return new Report(studies.size(), series.size(), done, withPixels, headerOnly, flagged, unavailable, failed, reasons, actions, reportFile, audit,
                retrieved, retrievalFailed, retrievalFailures);
    }

    static String progressLine(int done, int total, Duration elapsed) {
        double perSecond = elapsed.toMillis() == 0 ? 0 : done * 1000.0 / elapsed.toMillis();
        long eta = perSecond == 0 ? 0 : Math.round((total - done) / perSecond);
        return String.format("export: %d/%d instances (%d %%), %.1f/s, ETA %d s", done, total, total == 0 ? 100 : done * 100 / total, perSecond, eta);
    }

    private int count(List<String> studyUids) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", studyUids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
