package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.deid.dicom.DeidProfile;
import org.radbridge.deid.dicom.DicomDeidentifier;
import org.radbridge.research.export.DicomExport;
import org.radbridge.research.export.StudySelection;
import org.radbridge.server.dicomweb.ResearchDicomWebConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code radbridge export}: de-identified DICOM for a cohort or a list of studies (PS3.15 profile from
 * {@code --profile}, RADBRIDGE_DEID_PROFILE, or the default {@code research}), audited. Stdout carries the export's
 * summary; progress goes to stderr.
 */
final class ExportCommand {
    static final String USAGE = """
            usage: radbridge export (--cohort FILE | --studies UID[,UID...]) --out DIR --purpose TEXT [--profile NAME|FILE.json] [--pixels [--our-aet AE] [--move]]
              FILE: a cohort manifest (CSV with a study_uid / study_instance_uid / image_study_uid column) or one UID a line;
              UIDs may be staged or research (2.25) UIDs. Profiles: research (default), basic, research-device, or a profile file.
              --pixels: an instance whose received file is gone (or was pulled as metadata) is fetched back from its source:
              WADO-RS from the study's DICOMweb endpoint, C-GET (as AE --our-aet, default RADBRIDGE) from the PACS of its DIMSE pull,
              or C-MOVE to the receiver of the server running on the data directory when C-GET fails (--move: C-MOVE first).
            """;

    private ExportCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String cohort = null, studies = null, dir = null, purpose = null, profileName = null, ourAet = "RADBRIDGE";
        boolean pixels = false, move = false;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--cohort" -> { cohort = v; i++; }
                case "--studies" -> { studies = v; i++; }
                case "--out" -> { dir = v; i++; }
                case "--purpose" -> { purpose = v; i++; }
                case "--profile" -> { profileName = v; i++; }
                case "--pixels" -> pixels = true;
                case "--our-aet" -> { ourAet = v; i++; }
                case "--move" -> move = true;
                default -> {
                    err.print("radbridge export: unknown argument '" + args[i] + "'\n" + USAGE);
                    return 2;
                }
            }
        }
        if ((cohort == null) == (studies == null) || dir == null || purpose == null || purpose.isBlank()) {
            err.print(USAGE);
            return 2;
        }
        List<String> requested = cohort != null ? StudySelection.readCohortFile(Path.of(cohort))
                : new ArrayList<>(Arrays.stream(studies.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (requested.isEmpty()) {
            // an empty cohort writes a header-only manifest: say so rather than "no staged study"
            err.println("radbridge export: " + (cohort != null ? cohort + " lists no study (an empty cohort?)" : "--studies names no study"));
            return 1;
        }
        DeidProfile profile = profileName == null ? DeidProfile.fromEnvironment() : DeidProfile.load(profileName);
        try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
            StudySelection.Selected selected = StudySelection.resolve(db.dataSource(), db.pseudonymizer(), requested);
            if (!selected.notFound().isEmpty()) {
                err.println("radbridge export: " + selected.notFound().size() + " of " + requested.size()
                        + " requested studies are not staged (neither a staged nor a research Study Instance UID); they are skipped");
            }
            if (selected.studyUids().isEmpty()) {
                err.println("radbridge export: no staged study to export");
                return 1;
            }
            DicomDeidentifier deid = new DicomDeidentifier(profile, db.pseudonymizer(), db.descriptorReviewer(), ResearchDicomWebConfig.version());
            DicomExport.Report r = new DicomExport(db.dataSource(), db.pseudonymizer(), deid, err)
                    .run(selected.studyUids(), new DicomExport.Options(Path.of(dir), pixels, purpose, ResearchDicomWebConfig.version(), ourAet,
                            db.viaServer() ? db.settings().dataDir().resolve("spool") : null, move));
            out.printf("Exported %d studies, %d series, %d instances to %s (profile %s)%n", r.studies(), r.series(), r.instances(),
                    Path.of(dir).toAbsolutePath(), profile.name());
            out.printf("  with pixel data %d, header only %d (pixels unavailable %d), flagged for burned-in text %d %s, failed %d%n",
                    r.withPixels(), r.headerOnly(), r.pixelsUnavailable(), r.flaggedBurnedIn(), r.flaggedReasons(), r.failed());
            if (pixels) {
                out.printf("  fetched back from the source %d, retrieval failed %d %s%n", r.retrieved(), r.retrievalFailed(), r.retrievalFailures());
            }
            out.printf("  report %s; audit entry %d%n", r.reportFile(), r.auditId());
            return r.failed() == 0 && r.retrievalFailed() == 0 ? 0 : 1;
        }
    }
}
