package org.radbridge.server.api;

import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.ingest.StudyProjector;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Lets a second `radbridge ingest` hand its work to the running server instead of starting a rival
 * process on the same database and ports. Bound to loopback like everything else.
 */
@RestController
@RequestMapping("/api")
public class IngestController {
    private final IngestService ingest;
    private final StudyProjector projector;
    private final org.radbridge.server.ViewCounts viewCounts;

    public IngestController(IngestService ingest, StudyProjector projector, org.radbridge.server.ViewCounts viewCounts) {
        this.ingest = ingest;
        this.projector = projector;
        this.viewCounts = viewCounts;
    }

    public record IngestRequest(List<String> paths) {}

    @PostMapping("/ingest")
    public ResponseEntity<Map<String, Object>> ingest(@RequestBody IngestRequest request) throws Exception {
        IngestSummary s = ingest.ingest(request.paths().stream().map(Path::of).toList(), "folder");
        // counts: what the command prints on standard output, the same whether it ran here or in its own process
        Map<String, Long> counts = new java.util.LinkedHashMap<>(org.radbridge.server.ViewCounts.ingestCounts(s));
        counts.putAll(viewCounts.counts());
        return ResponseEntity.ok(Map.of("summary", s.describe(), "quarantined", s.quarantined().size(), "counts", counts));
    }

    @PostMapping("/rebuild")
    public ResponseEntity<Map<String, Object>> rebuild() throws Exception {
        StudyProjector.Result r = projector.projectAll();
        return ResponseEntity.ok(Map.of("projected", r.projected(), "problems", r.problems(), "reportsProjected", r.reportsProjected(),
                "reportsWaiting", r.reportsWaiting().lines()));
    }
}
