package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.ReportTextScrubber;
import org.radbridge.ingest.ReportProjection;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.map.CurrentMappings;
import org.radbridge.report.ReportNlp;
import org.radbridge.report.ReportStaging;
import org.radbridge.server.config.PseudonymKey;
import org.radbridge.staging.PlaceholderPatientIds;
import org.radbridge.staging.StagingRepository;
import org.radbridge.write.omop.CdmSourceWriter;
import org.radbridge.write.omop.OmopReportWriter;
import org.radbridge.write.omop.OmopStudyWriter;

import javax.sql.DataSource;
import java.io.PrintStream;

/**
 * The OMOP half of the projection on a database opened alone ({@link DatabaseOnly}): the writers, the report NLP and
 * the pseudonym key the server would use, no HAPI FHIR. Studies it projects whose FHIR resources are then behind are
 * marked {@code fhir_pending}; the whole pipeline (serve, demo, ingest, fhir rebuild) projects them when it next starts.
 */
final class OmopOnlyPipeline implements AutoCloseable {
    private final StagingRepository staging;
    private final ReportNlp nlp;
    private final StudyProjector projector;

    OmopOnlyPipeline(DatabaseOnly db, CurrentMappings mappings) throws Exception {
        RadBridgeSettings settings = db.settings();
        DataSource ds = db.dataSource();
        String key = PseudonymKey.resolve(settings);
        org.radbridge.deid.LogRef.useKey(key);
        Pseudonymizer pseudonymizer = new Pseudonymizer(key);
        staging = new StagingRepository(ds, PlaceholderPatientIds.load(settings.mappingsDir().resolve(PlaceholderPatientIds.FILE_NAME)));
        // CDM_SOURCE and METADATA name the vocabulary release the rows are written with, as at the server's start
        new CdmSourceWriter(ds).write();
        nlp = new ReportNlp(settings.terminologyDir());
        ReportProjection reports = new ReportProjection(new ReportStaging(ds), nlp, null,
                new OmopReportWriter(ds, pseudonymizer, mappings, new ReportTextScrubber(), nlp.system()), mappings);
        projector = StudyProjector.omopOnly(staging, new OmopStudyWriter(ds, pseudonymizer, mappings), reports);
    }

    StudyProjector projector() {
        return projector;
    }

    /** Says on standard error how many studies wait for their FHIR projection and who will do it. */
    void sayWhatFhirAwaits(PrintStream err) throws java.sql.SQLException {
        int pending = staging.fhirPending();
        if (pending > 0) {
            err.println(pending + (pending == 1 ? " study waits for its" : " studies wait for their") + " FHIR projection (FHIR was not started here): "
                    + "the next 'radbridge serve' (or demo, ingest, fhir rebuild) projects " + (pending == 1 ? "it" : "them"));
        }
    }

    @Override
    public void close() {
        nlp.close();
    }
}
