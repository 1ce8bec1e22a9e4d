package org.radbridge.ingest;

import org.radbridge.deid.LogRef;
import org.hl7.fhir.r4.model.Bundle;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.ReportNlp;
import org.radbridge.report.ReportStaging;
import org.radbridge.report.ReportVersions;
import org.radbridge.report.StagedReport;
import org.radbridge.staging.StudyView;
import org.radbridge.write.omop.OmopReportWriter;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The report part of a study's projection: picks the current version of the study's report, runs the NLP on it
 * (at projection, not at staging: a dictionary or mapping edit reaches old reports with the next rebuild, and report
 * sources stay fast enough to acknowledge HL7 messages at once), adds it to the study's FHIR transaction, and writes
 * its OMOP rows after the study's own.
 */
public final class ReportProjection {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReportProjection.class);
    private final ReportStaging staging;
    private final ReportNlp nlp;
    private final DiagnosticReportBundleBuilder fhirBuilder;
    private final OmopReportWriter omop;
    private final CurrentMappings mappings;

    /** @param fhirBuilder the FHIR side, or null for a projection of the OMOP view alone ({@link #analyse}) */
    public ReportProjection(ReportStaging staging, ReportNlp nlp, DiagnosticReportBundleBuilder fhirBuilder, OmopReportWriter omop,
                            CurrentMappings mappings) {
        this.staging = staging;
        this.nlp = nlp;
        this.fhirBuilder = fhirBuilder;
        this.omop = omop;
        this.mappings = mappings;
    }

    /**
     * A study's current report, analysed and added to the study's bundle.
     *
     * @param problem why the report went out without findings (the NLP failed on it), or null
     */
    public record Prepared(StagedReport report, NlpResult nlp, List<ReportFindings.Finding> findings, List<String> observationKeys,
                           String problem) {}

    public ReportStaging staging() {
        return staging;
    }

    /** Adds the study's current report to its bundle; empty when no report is linked to the study. */
    public Optional<Prepared> prepare(StudyView study, Bundle bundle) throws SQLException {
        Optional<Prepared> analysed = analyse(study);
        if (analysed.isEmpty()) return analysed;
        Prepared p = analysed.get();
        List<String> previous = staging.projectedObservationKeys(p.report().accessionNumber());
        DiagnosticReportBundleBuilder.Added added = fhirBuilder.addTo(bundle, study, p.report(), p.nlp(), p.findings(), previous);
        return Optional.of(new Prepared(p.report(), p.nlp(), p.findings(), added.observationKeys(), p.problem()));
    }

    /** The study's current report, analysed, for the OMOP view alone (no FHIR bundle); empty when none is linked. */
    public Optional<Prepared> analyse(StudyView study) throws SQLException {
        List<StagedReport> versions = staging.reportsOfStudy(study.studyInstanceUid());
        Optional<StagedReport> current = ReportVersions.current(versions,
                status -> mappings.lookup("report_status", status, null).map(MappingTarget::code).orElse(null));
        if (current.isEmpty()) return Optional.empty();
        StagedReport r = current.get();
        NlpResult result;
        String problem = null;
        try {
            result = nlp.analyze(r.reportId(), r.text());
        } catch (RuntimeException e) {
            // one text the pipeline cannot handle must not hold back its study: the report goes out with its text and
            // without findings, and the problem is reported (a rebuild retries it)
            log.warn("NLP failed on report {}; projected without findings: {}", LogRef.of(r.reportId()), LogRef.text(e));
            log.debug("NLP failed on report {}", r.reportId(), e);
            problem = "report " + r.reportId() + ": NLP failed (" + e + "); projected without findings";
            result = new NlpResult(r.reportId(), List.of(), null, null, null);
        }
        List<ReportFindings.Finding> findings = ReportFindings.of(result.mentions());
        return Optional.of(new Prepared(r, result, findings, List.of(), problem));
    }

    /** After the FHIR transaction succeeded: remember its Observations (the next version replaces them) and the mentions. */
    public void fhirWritten(StudyView study, Prepared p) throws SQLException {
        staging.recordFhirProjection(p.report().accessionNumber(), study.studyInstanceUid(), p.report(), p.observationKeys(),
                p.nlp().mentions(), nlp.system());
    }

    public OmopReportWriter.Written writeOmop(StudyView study, LocalDate studyDate, Prepared p) throws SQLException {
        return omop.write(study, studyDate, p.report(), p.nlp(), p.findings());
    }
}
