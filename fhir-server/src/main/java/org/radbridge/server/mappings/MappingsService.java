package org.radbridge.server.mappings;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.MappingsReport;
import org.radbridge.mappings.MappingSet;
import org.radbridge.terminology.AthenaImporter;
import org.radbridge.terminology.CodeSystemCatalog;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.TerminologyException;
import org.radbridge.terminology.VocabularyLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Validation, reload, report and vocabulary import for a running server. A reload validates the
 * files first and swaps the mapping set only when they are free of errors, so a malformed CSV
 * leaves the server on the mappings it had.
 */
public class MappingsService {
    private static final Logger log = LoggerFactory.getLogger(MappingsService.class);

    /** The outcome of a validation or reload. */
    public record Outcome(boolean applied, List<String> errors, List<String> warnings, List<String> mappings,
                          org.radbridge.map.MappingImpact.Affected affected) {
        public Outcome(boolean applied, List<String> errors, List<String> warnings, List<String> mappings) {
            this(applied, errors, warnings, mappings, new org.radbridge.map.MappingImpact.Affected(0, 0));
        }
    }

    /**
     * What a reload does to data already projected: marks the studies and reports whose mapped values changed,
     * then has them re-projected (in the background, by the server's projector).
     */
    public interface Reprojection {
        org.radbridge.map.MappingImpact.Affected mark(org.radbridge.mappings.MappingSet before, org.radbridge.mappings.MappingSet after)
                throws SQLException;

        void start();
    }

    private Reprojection reprojection;

    /** Set by the server: reloads then bring existing studies up to date without a rebuild. */
    public void setReprojection(Reprojection reprojection) {
        this.reprojection = reprojection;
    }

    private final RadBridgeSettings settings;
    private final CurrentMappings current;
    private final DataSource dataSource;
    private final ConceptMapPublisher publisher;
    private final CodeSystemPublisher codeSystems;

    public MappingsService(RadBridgeSettings settings, CurrentMappings current, DataSource dataSource, ConceptMapPublisher publisher) {
        this(settings, current, dataSource, publisher, null);
    }

    public MappingsService(RadBridgeSettings settings, CurrentMappings current, DataSource dataSource, ConceptMapPublisher publisher,
                           CodeSystemPublisher codeSystems) {
        this.settings = settings;
        this.current = current;
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.codeSystems = codeSystems;
    }

    /**
     * Publishes the code systems of terminology/ as FHIR CodeSystems and the mappings in force as
     * ConceptMaps (at start; a reload publishes what it loaded). Code systems go first, so that the
     * ConceptMaps' targets are known when they arrive.
     */
    public int publish() {
        int n = 0;
        if (codeSystems != null) {
            try {
                n += publishCodeSystems(Terminology.load(settings.terminologyDir()));
            } catch (IOException | TerminologyException e) {
                log.warn("terminology/ could not be read; FHIR CodeSystems not published: {}", e.getMessage());
            }
        }
        return n + (publisher == null ? 0 : publisher.publish(current.current()));
    }

    private int publishCodeSystems(Terminology terminology) {
        if (codeSystems == null) return 0;
        try {
            return codeSystems.publish(terminology, CodeSystemCatalog.besides(settings.terminologyDir()));
        } catch (IOException | TerminologyException e) {
            log.warn("terminology/{} could not be read; FHIR CodeSystems not published: {}", CodeSystemCatalog.FILE, e.getMessage());
            return 0;
        }
    }

    /** Validates the terminology and mapping files of a RadBridge home without touching any database. */
    public static MappingSet.Validation validate(Path terminologyDir, Path mappingsDir) throws IOException {
        Terminology terminology;
        try {
            terminology = Terminology.load(terminologyDir);
        } catch (TerminologyException e) {
            List<String> errors = e.errors().stream().map(x -> "terminology/codesystems/" + x).toList();
            return new MappingSet.Validation(errors, List.of(), null);
        }
        MappingSet.Validation v = MappingSet.validate(mappingsDir, terminology);
        List<String> errors = new java.util.ArrayList<>(v.errors());
        List<String> warnings = new java.util.ArrayList<>(v.warnings());
        checkCatalog(terminologyDir, terminology, errors, warnings);
        return new MappingSet.Validation(errors, warnings, errors.isEmpty() ? v.mappings() : null);
    }

    /** terminology/fhir-codesystems.csv: its own mistakes are errors, a vocabulary it does not list a warning. */
    private static void checkCatalog(Path terminologyDir, Terminology terminology, List<String> errors, List<String> warnings) throws IOException {
        if (!java.nio.file.Files.exists(terminologyDir.toAbsolutePath().getParent().resolve(CodeSystemCatalog.FILE))) {
            warnings.add("terminology/" + CodeSystemCatalog.FILE + ": missing; no FHIR CodeSystems will be published");
            return;
        }
        try {
            CodeSystemCatalog catalog = CodeSystemCatalog.besides(terminologyDir);
            terminology.all().stream().map(c -> c.vocabularyId()).distinct().filter(v -> catalog.find(v).isEmpty())
                    .forEach(v -> warnings.add("terminology/" + CodeSystemCatalog.FILE + ": vocabulary '" + v
                            + "' is not listed; it is not published as a FHIR CodeSystem"));
        } catch (TerminologyException e) {
            e.errors().forEach(x -> errors.add("terminology/" + x));
        }
    }

    public MappingSet.Validation validate() throws IOException {
        return validate(settings.terminologyDir(), settings.mappingsDir());
    }

    /**
     * Re-reads terminology and mappings; on success loads new terminology rows into the vocabulary
     * tables and puts the new mapping set in force. On any error nothing changes.
     */
    public synchronized Outcome reload() throws IOException, SQLException {
        Terminology terminology;
        try {
            terminology = Terminology.load(settings.terminologyDir());
        } catch (TerminologyException e) {
            List<String> errors = e.errors().stream().map(x -> "terminology/codesystems/" + x).toList();
            log.warn("Mappings reload refused, terminology has {} errors; the previous mappings stay in force", errors.size());
            return new Outcome(false, errors, List.of(), current.current().mappingNames());
        }
        MappingSet.Validation v = MappingSet.validate(settings.mappingsDir(), terminology);
        if (!v.ok()) {
            log.warn("Mappings reload refused ({} errors); the previous mappings stay in force:\n  {}", v.errors().size(),
                    String.join("\n  ", v.errors()));
            return new Outcome(false, v.errors(), v.warnings(), current.current().mappingNames());
        }
        Map<String, Integer> ids = new VocabularyLoader(dataSource).load(terminology);
        org.radbridge.mappings.MappingSet before = current.current();
        current.replace(v.mappings().withConceptIds(ids));
        publishCodeSystems(terminology);
        if (publisher != null) publisher.publish(current.current());
        org.radbridge.map.MappingImpact.Affected affected = new org.radbridge.map.MappingImpact.Affected(0, 0);
        if (reprojection != null) {
            affected = reprojection.mark(before, current.current());
            if (affected.any()) reprojection.start();
        }
        log.info("Mappings reloaded from {}: {}; {} studies and {} reports use changed mappings and are re-projected",
                settings.mappingsDir(), v.mappings().mappingNames(), affected.studies(), affected.reports());
        return new Outcome(true, List.of(), v.warnings(), v.mappings().mappingNames(), affected);
    }

    public MappingsReport.Result report() throws SQLException {
        return new MappingsReport(dataSource, current).run();
    }

    /** Streams an Athena download into the vocabulary tables, then reloads so mappings resolve to standard concepts. */
    public synchronized String importVocabulary(Path dir) throws IOException, SQLException {
        AthenaImporter.Result r = new AthenaImporter(dataSource).importDirectory(dir);
        // CDM_SOURCE and METADATA name the vocabulary release now in force
        new org.radbridge.write.omop.CdmSourceWriter(dataSource).write();
        Outcome o = reload();
        return "Imported the Athena vocabulary from " + dir + ":\n" + r.describe()
                + (o.applied() ? "Mappings reloaded: they now resolve to the standard concepts.\n"
                : "Mappings NOT reloaded (fix these, then run 'radbridge mappings reload'):\n  " + String.join("\n  ", o.errors()) + "\n");
    }
}
