package org.radbridge.server.dicomweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.pixelmed.dicom.AttributeList;
import org.radbridge.research.dicomweb.DeidentifiedArchive;
import org.radbridge.research.dicomweb.DicomJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only QIDO-RS and WADO-RS (PS3.18) over the de-identified archive: studies, series, instances, metadata, and
 * instances as multipart/related application/dicom when the received file (with pixels) is at hand and not flagged
 * for burned-in text. Only research UIDs are accepted and returned.
 */
@RestController
@RequestMapping("/dicomweb")
public class ResearchDicomWebController {
    private static final MediaType DICOM_JSON = MediaType.parseMediaType("application/dicom+json");
    private final DeidentifiedArchive archive;

    public ResearchDicomWebController(DeidentifiedArchive archive) {
        this.archive = archive;
    }

    @GetMapping("/studies")
    public ResponseEntity<String> studies(@RequestParam Map<String, String> query) throws Exception {
        Map<String, String> filters = new LinkedHashMap<>(query);
        int limit = parse(filters.remove("limit"), 1000);
        int offset = parse(filters.remove("offset"), 0);
        filters.remove("includefield");
        filters.remove("fuzzymatching");
        return json(archive.studies(filters, offset, limit));
    }

    @GetMapping("/studies/{study}/series")
    public ResponseEntity<String> series(@PathVariable("study") String study) throws Exception {
        return json(archive.series(study));
    }

    @GetMapping("/studies/{study}/series/{series}/instances")
    public ResponseEntity<String> instances(@PathVariable("study") String study, @PathVariable("series") String series) throws Exception {
        return json(archive.instances(study, series));
    }

    @GetMapping("/studies/{study}/metadata")
    public ResponseEntity<String> studyMetadata(@PathVariable("study") String study) throws Exception {
        return json(archive.metadata(study, null));
    }

    @GetMapping("/studies/{study}/series/{series}/metadata")
    public ResponseEntity<String> seriesMetadata(@PathVariable("study") String study, @PathVariable("series") String series) throws Exception {
        return json(archive.metadata(study, series));
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{sop}")
    public ResponseEntity<byte[]> instance(@PathVariable("study") String study, @PathVariable("series") String series, @PathVariable("sop") String sop) throws Exception {
        Optional<byte[]> file = archive.instanceFile(study, series, sop);
        return file.isEmpty() ? noPixels() : multipart(List.of(file.get()));
    }

    @GetMapping("/studies/{study}")
    public ResponseEntity<byte[]> study(@PathVariable("study") String study) throws Exception {
        List<byte[]> files = archive.instanceFiles(study, null);
        return files.isEmpty() ? noPixels() : multipart(files);
    }

    @GetMapping("/studies/{study}/series/{series}")
    public ResponseEntity<byte[]> seriesFiles(@PathVariable("study") String study, @PathVariable("series") String series) throws Exception {
        List<byte[]> files = archive.instanceFiles(study, series);
        return files.isEmpty() ? noPixels() : multipart(files);
    }

    private static ResponseEntity<byte[]> noPixels() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body("{\"error\":\"no instance with pixel data here: unknown, flagged for burned-in text, or the received file is not held\"}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<byte[]> multipart(List<byte[]> files) throws java.io.IOException {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] f : files) {
            body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(f);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("multipart/related; type=\"application/dicom\"; boundary=" + boundary))
                .body(body.toByteArray());
    }

    private static ResponseEntity<String> json(List<AttributeList> lists) {
        if (lists.isEmpty()) return ResponseEntity.noContent().build();
        ArrayNode out = DicomJson.array();
        for (AttributeList l : lists) out.add(DicomJson.object(l));
        return ResponseEntity.ok().contentType(DICOM_JSON).body(out.toString());
    }

    private static int parse(String v, int dflt) {
        try {
            return v == null ? dflt : Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
