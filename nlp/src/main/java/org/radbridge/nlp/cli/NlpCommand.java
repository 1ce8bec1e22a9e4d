package org.radbridge.nlp.cli;

import org.radbridge.nlp.labels.LabelCsv;
import org.radbridge.nlp.labels.LabelJson;
import org.radbridge.nlp.labels.LabelSet;
import org.radbridge.nlp.labels.ReportLabeler;

import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.NlpJson;
import org.radbridge.nlp.NlpResult;
import org.radbridge.nlp.RadiologyNlp;
import org.radbridge.nlp.ReportText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code radbridge nlp [--with-categories] [--terminology DIR] [INPUT...]}: runs the report pipeline over report files
 * (or standard input when no input is named) and prints one JSON line per finding mention (see {@link NlpJson}). An
 * input may also be a directory (every file below it, named by its path there) or a CSV file of one report per row
 * ({@link ReportCsv}: the CheXpert labeler's input, or an export with a report column).
 * A RadBridge header block (lines {@code Name: value}, then {@code ---}) is removed first; offsets refer to the
 * report body after it. A file that cannot be read or is not UTF-8, or a bad CSV row, gets one error line on standard error and the run
 * goes on; the exit code is then 1 (0 when every input was processed, 2 for a usage error).
 */
public final class NlpCommand {
    private NlpCommand() {}

    public static final String USAGE = "usage: radbridge nlp [--with-categories] [--terminology DIR] [INPUT...]  (stdin if no INPUT)\n"
            + "       radbridge nlp --labels [--label-set chexpert|all] [--terminology DIR] [INPUT...]  (one JSON line per report:"
            + " 1 positive, 0 negative, -1 uncertain, null not mentioned;\n"
            + "         --format csv: a table, one row per report, 1.0 / 0.0 / -1.0 / blank: the CheXpert labeler's columns,"
            + " or with --label-set all No Finding and every finding of the terminology)\n"
            + "  INPUT: a report file, a directory (every file below it), or a .csv file of one report per row"
            + " [--csv] [--text-column NAME] [--id-column NAME]";

    public static int run(String[] args) {
        // outside Spring nothing configures logback, whose default would print cTAKES' INFO lines on stdout
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/radbridge/nlp/cli/logback-nlp-cli.xml");
        }
        return run(args, System.in, System.out, System.err);
    }

    public static int run(String[] args, java.io.InputStream stdin, PrintStream out, PrintStream err) {
        boolean categories = false;
        String labelSet = null;
        Path terminology = null;
        List<String> files = new ArrayList<>();
        boolean csv = false;
        String textColumn = null, idColumn = null;
        boolean csvOut = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--with-categories" -> categories = true;
                case "--labels" -> { if (labelSet == null) labelSet = "chexpert"; }
                case "--label-set" -> {
                    if (++i >= args.length || !(args[i].equals("chexpert") || args[i].equals("all"))) {
                        err.println("radbridge nlp: --label-set takes chexpert or all\n" + USAGE);
                        return 2;
                    }
                    labelSet = args[i];
                }
                case "--terminology" -> {
                    if (++i >= args.length) { err.println(USAGE); return 2; }
                    terminology = Path.of(args[i]);
                }
                case "--csv" -> csv = true;
                case "--format" -> {
                    if (++i >= args.length || !(args[i].equals("json") || args[i].equals("csv"))) {
                        err.println("radbridge nlp: --format takes json or csv\n" + USAGE);
                        return 2;
                    }
                    csvOut = args[i].equals("csv");
                }
                case "--text-column", "--id-column" -> {
                    if (i + 1 >= args.length) { err.println("radbridge nlp: " + args[i] + " takes a column name\n" + USAGE); return 2; }
                    if (args[i].equals("--text-column")) textColumn = args[++i]; else idColumn = args[++i];
                    csv = true;
                }
                case "-h", "--help" -> { out.println(USAGE); return 0; }
                default -> {
                    if (args[i].startsWith("--")) { err.println("radbridge nlp: unknown option " + args[i] + "\n" + USAGE); return 2; }
                    files.add(args[i]);
                }
            }
        }
        if (csvOut && labelSet == null) {
            err.println("radbridge nlp: --format csv is a table of report labels: use it with --labels\n" + USAGE);
            return 2;
        }
        int failures = 0;
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try (RadiologyNlp nlp = new RadiologyNlp(terminology)) {
            ReportLabeler labeler = labelSet == null ? null
                    : new ReportLabeler(nlp.lexicon(), LabelSet.chexpert(nlp.lexicon()));
            Output output = labeler == null ? new Output(categories, null, false, null)
                    : new Output(false, labeler, labelSet.equals("all"), !csvOut ? null
                            : labelSet.equals("all") ? LabelCsv.allFindings(w, nlp.lexicon()) : LabelCsv.chexpert(w));
            if (files.isEmpty()) {
                failures += one(nlp, "stdin", readAll(stdin, err), output, w, err);
            } else {
                Inputs inputs = new Inputs(nlp, output, w, err, csv, new ReportCsv.Columns(textColumn, idColumn));
                for (String f : files) failures += inputs.read(Path.of(f));
            }
            w.flush();
        } catch (IOException e) {
            err.println("radbridge nlp: cannot write output: " + e.getMessage());
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }

    /** Reads one command-line input: a file, every file under a directory, or the rows of a CSV file. */
    private record Inputs(RadiologyNlp nlp, Output output, Writer w, PrintStream err, boolean csv,
                          ReportCsv.Columns columns) {
        int read(Path p) throws IOException {
            if (Files.isDirectory(p)) {
                List<Path> under;
                try {
                    under = ReportFiles.under(p);
                } catch (IOException | RuntimeException e) {
                    return cannotRead(p.toString(), e);
                }
                int failures = 0;
                for (Path f : under) failures += file(f, ReportFiles.id(p, f));
                return failures;
            }
            return file(p, p.getFileName() == null ? p.toString() : p.getFileName().toString());
        }

        private int file(Path f, String id) throws IOException {
            if (csv || ReportCsv.isCsv(f)) {
                try {
                    return ReportCsv.read(f, columns, (rowId, text) -> analyse(nlp, rowId, text, output, w, err), err);
                } catch (IOException | RuntimeException e) {
                    return cannotRead(id, e);
                }
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (IOException | RuntimeException e) {
                return cannotRead(id, e);
            }
            return one(nlp, id, bytes, output, w, err);
        }

        private int cannotRead(String what, Exception e) throws IOException {
            w.flush();
            err.println("radbridge nlp: " + what + ": cannot read: " + e.getMessage());
            return 1;
        }
    }

    private static byte[] readAll(java.io.InputStream in, PrintStream err) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            err.println("radbridge nlp: cannot read standard input: " + e.getMessage());
            return null;
        }
    }

    /** What to print per report: mentions (and the categories line), or one label line. */
    private record Output(boolean categories, ReportLabeler labeler, boolean allFindings, LabelCsv table) {
    }

    private static int one(RadiologyNlp nlp, String id, byte[] bytes, Output output, Writer w, PrintStream err)
            throws IOException {
        if (bytes == null) return 1;
        String text;
        try {
            text = ReportText.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            w.flush();
            err.println("radbridge nlp: " + id + ": not valid UTF-8 (first bad byte at offset "
                    + ReportText.firstInvalidUtf8(bytes) + "); skipped");
            return 1;
        }
        return analyse(nlp, id, text, output, w, err);
    }

    private static int analyse(RadiologyNlp nlp, String id, String text, Output output, Writer w, PrintStream err)
            throws IOException {
        String body = ReportText.body(text);
        if (body.isBlank()) {
            // kept as a row of blank labels, so a table stays aligned with its input; not a failure of the run
            w.flush();
            err.println("radbridge nlp: " + id + ": empty report (no text" + (text.isBlank() ? "" : " after its header")
                    + "): " + (output.labeler() == null ? "no findings" : "every label left blank"));
        }
        NlpResult r;
        try {
            r = nlp.analyze(id, body);
        } catch (RuntimeException e) {
            w.flush();
            err.println("radbridge nlp: " + id + ": analysis failed: " + e.getMessage());
            return 1;
        }
        if (output.labeler() != null) {
            ReportLabeler labeler = output.labeler();
            Map<String, Integer> labels = body.isBlank() ? labeler.unread(output.allFindings())
                    : output.allFindings() ? labeler.allFindings(r) : labeler.labels(r);
            if (output.table() != null) {
                output.table().row(r.reportId(), labels);
            } else {
                w.write(LabelJson.line(r.reportId(), output.allFindings() ? "all" : labeler.labelSet().name(), labels,
                        output.allFindings(), nlp.lexicon()));
                w.write('\n');
            }
            return 0;
        }
        for (FindingMention m : r.mentions()) {
            w.write(NlpJson.mention(m));
            w.write('\n');
        }
        if (output.categories()) {
            w.write(NlpJson.reportLine(r));
            w.write('\n');
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
