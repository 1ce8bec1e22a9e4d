package org.radbridge.nlp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report files under a directory named on the command line: every regular file below it, in path order, so that
 * a run over a folder of thousands of reports needs no shell glob (whose argument list has a limit) and prints in a
 * stable order. Hidden files and directories ({@code .git}, {@code .DS_Store}) are passed over.
 */
final class ReportFiles {
    private ReportFiles() {}

    static List<Path> under(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> !hidden(dir.relativize(p))).sorted().toList();
        }
    }

    /** The name a report under {@code dir} gets in the output: its path below the directory, with '/' separators. */
    static String id(Path dir, Path file) {
        return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }
}
