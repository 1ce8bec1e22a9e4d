package org.radbridge.cli;

import org.radbridge.bench.generate.GenerateCommand;

import java.util.Arrays;

/**
 * The command line behind ./radbridge. Commands that need no database (generate) run without
 * starting Spring; the others start the application in the mode they need.
 */
public final class Main {
    static final String USAGE = """
            Usage: radbridge COMMAND [ARGS]
              demo [--exit]                 generate a sample PACS, ingest it, print counts; serve unless --exit
              serve                         run the server (FHIR, console, receivers)
              ingest PATH...                ingest DICOM files, report files or folders, print counts and quarantined items
              generate --patients N --seed S --out DIR [--profile demo|realistic]
                                            write a synthetic PACS export (DICOM + reports)
              omop rebuild | fhir rebuild   re-project every staged study with the current mappings (omop: database only)
              omop export --format csv|parquet --out DIR [--tables T,...]   the OMOP tables as files for DuckDB, Spark, OHDSI tools
              pull dimse --aet AE --host H --port P [--from D --to D --modality M --patient ID --accession A] [--get]
              pull dicomweb --url BASE [same filters]   C-FIND + C-MOVE/C-GET, or QIDO-RS + WADO-RS metadata (resumable)
              nlp [--with-categories] [FILE...]   report text (stdin if no file) to finding mentions, one JSON line each
              nlp --labels [--label-set chexpert|all] [FILE...]   one JSON line of report labels (1/0/-1/null) per report
              bench ingest [--min-instances N] [--orthanc-files N]
                                            ingest benchmark against pydicom and Orthanc, ratios printed
              bench nlp [--reports N] [--full-sample N] [--rounds N] [--threads N] [--peer-heap-mb M]
                                            NLP benchmark against a full cTAKES pipeline, ratio printed
              bench fhir [--studies N] [--data DIR] [--clients C] [--seconds S]
                                            FHIR ImagingStudy searches against Orthanc's QIDO-RS over the same studies
              mappings validate|report|reload  check the mapping files / list unmapped values / apply edits to a running server
              vocab import DIR              load an OHDSI Athena vocabulary download into the OMOP vocabulary tables
              cohort run FILE [--out DIR] [--name N] [--sql] [--aggregate]   cohort on OMOP: attrition, omop.cohort, manifest with weak labels
              qc [--out FILE]               QC rules of mappings/qc/qc-rules.csv over staging, results in radbridge.qc_result
              recipe list | recipe run NAME [--suppress [N]] [--out FILE]   the SQL recipes of sql/recipes
              bench sql [--series N]        chest-CT cohort on a generated OMOP of 1,000,000 series, with and without indexes
              dq [--json FILE] [--thresholds FILE] [--all]   data-quality checks of the OMOP view (dq/checks.csv); exit 1 on a failure
              token create --name N --role admin|reader|patient [--patient ID] | token list | token revoke N
                                            API tokens for /fhir and /api (data/secrets/api-tokens.csv)
              export (--cohort FILE | --studies UIDS) --out DIR --purpose TEXT [--profile NAME] [--pixels]
                                            de-identified DICOM (PS3.15 profile, default research), audited
              reidentify --person-key KEY --purpose TEXT   research key back to the source patient (admin only, audited)
            Every command: --verbose also shows the log on standard error (always in DATA/logs/radbridge.log).
              client register --name N --jwks FILE|URL --scope 'system/*.read' [--patient ID] | client list | client remove N
                                            SMART Backend Services clients (token endpoint /auth/token)
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        args = Logging.configure(args);
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "generate" -> GenerateCommand.run(rest);
                case "serve" -> ServerCommands.serve();
                case "demo" -> ServerCommands.demo(Arrays.asList(rest).contains("--exit"));
                case "ingest" -> ServerCommands.ingest(rest);
                case "nlp" -> org.radbridge.nlp.cli.NlpCommand.run(rest);
                case "pull" -> PullCommand.run(rest);
                case "bench" -> BenchCommands.run(rest);
                case "mappings" -> MappingsCommands.mappings(rest);
                case "vocab" -> MappingsCommands.vocab(rest);
                case "dq" -> DqCommand.run(rest);
                case "token" -> TokenCommand.run(rest, System.out, System.err);
                case "cohort" -> ResearchCommands.cohort(rest);
                case "qc" -> ResearchCommands.qc(rest);
                case "recipe" -> ResearchCommands.recipe(rest);
                case "export" -> ExportCommand.run(rest, System.out, System.err);
                case "reidentify" -> ReidentifyCommand.run(rest, System.out, System.err);
                case "client" -> ClientCommand.run(rest, System.out, System.err);
                case "omop" -> OmopCommand.run(rest);
                case "fhir" -> {
                    if (rest.length != 1 || !rest[0].equals("rebuild")) {
                        System.err.println("usage: radbridge " + args[0] + " rebuild");
                        yield 2;
                    }
                    yield ServerCommands.rebuild();
                }
                default -> {
                    System.err.println("radbridge: unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (Exception e) {
            // Spring wraps the real cause (a bad mapping file, a database that will not start) in
            // several layers of bean-creation errors: show the innermost message
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            System.err.println("radbridge " + args[0] + " failed: " + (root.getMessage() == null ? root.toString() : root.getMessage()));
            org.slf4j.LoggerFactory.getLogger(Main.class).info("radbridge {} failed", args[0], e);
            return 1;
        }
    }
}
