package org.radbridge.server.api;

import org.radbridge.mappings.MappingSet;
import org.radbridge.server.mappings.MappingsService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets `radbridge mappings reload|report|validate` and `radbridge vocab import` hand their work to
 * the running server. A reload with errors answers 422 with the file:line messages and changes nothing.
 */
@RestController
@RequestMapping("/api")
public class MappingsController {
    private final MappingsService mappings;

    public MappingsController(MappingsService mappings) {
        this.mappings = mappings;
    }

    @PostMapping("/mappings/reload")
    public ResponseEntity<Map<String, Object>> reload() throws Exception {
        MappingsService.Outcome o = mappings.reload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", o.applied() ? "reloaded" : "refused");
        body.put("errors", o.errors());
        body.put("warnings", o.warnings());
        body.put("mappings", o.mappings());
        body.put("reprojectingStudies", o.affected().studies());
        body.put("reprojectingReports", o.affected().reports());
        return ResponseEntity.status(o.applied() ? 200 : 422).body(body);
    }

    @GetMapping("/mappings/validate")
    public ResponseEntity<Map<String, Object>> validate() throws Exception {
        MappingSet.Validation v = mappings.validate();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", v.ok() ? "valid" : "invalid");
        body.put("errors", v.errors());
        body.put("warnings", v.warnings());
        return ResponseEntity.status(v.ok() ? 200 : 422).body(body);
    }

    /** The to-do list, a blank line, then coverage per field; both CSV. */
    @GetMapping(value = "/mappings/report", produces = "text/csv")
    public ResponseEntity<String> report() throws Exception {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8")).body(mappings.report().csv());
    }

    public record ImportRequest(List<String> paths) {}

    @PostMapping("/vocab/import")
    public ResponseEntity<Map<String, Object>> importVocabulary(@RequestBody ImportRequest request) throws Exception {
        if (request.paths() == null || request.paths().size() != 1) {
            return ResponseEntity.badRequest().body(Map.of("error", "give exactly one directory"));
        }
        try {
            return ResponseEntity.ok(Map.of("summary", mappings.importVocabulary(Path.of(request.paths().get(0)))));
        } catch (java.io.IOException | java.sql.SQLException e) {
            // a wrong directory or a broken file: the import rolled back, say why
            return ResponseEntity.unprocessableEntity().body(Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
