package org.radbridge.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * pydicom's header-only read ({@code dcmread(f, stop_before_pixels=True)}) of the same files, run
 * with Debian's /usr/bin/python3 (the interpreter python3-pydicom is installed for).
 */
public final class PydicomPeer {
    private static final String PYTHON = "/usr/bin/python3";

    public static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pydicom").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public PeerResult run(List<Path> files, int workers, Path workDir) throws IOException, InterruptedException {
        Path list = workDir.resolve("pydicom-files.txt");
        Files.write(list, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        Path script = workDir.resolve("pydicom_headers.py");
        try (InputStream in = PydicomPeer.class.getResourceAsStream("/bench/pydicom_headers.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder(PYTHON, script.toString(), list.toString(), String.valueOf(workers))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IOException("pydicom peer failed (exit " + p.exitValue() + ")");
        JsonNode json = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        return new PeerResult("pydicom " + pydicomVersion() + " header-only read", json.get("files").asLong(),
                json.get("failed").asLong(), json.get("seconds").asDouble(), workers + " worker process(es)");
    }

    private static String pydicomVersion() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pydicom; print(pydicom.__version__)").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
