package org.radbridge.server.api;

import org.radbridge.server.pull.PullRequest;
import org.radbridge.server.pull.PullService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Lets `radbridge pull` hand its arguments to the running server, so that the pull uses the server's database and
 * DICOM receiver instead of starting rival ones. Answers when the pull is over, with what the command prints.
 */
@RestController
@RequestMapping("/api")
public class PullController {
    private final PullService pulls;

    public PullController(PullService pulls) {
        this.pulls = pulls;
    }

    public record PullArgs(List<String> args) {}

    @PostMapping("/pull")
    public ResponseEntity<Map<String, Object>> pull(@RequestBody PullArgs request) throws Exception {
        PullRequest r;
        try {
            r = PullRequest.parse(request.args() == null ? List.of() : request.args());
        } catch (PullRequest.Invalid e) {
            return ResponseEntity.badRequest().body(Map.of("summary", "radbridge pull: " + e.getMessage() + "\n" + PullRequest.USAGE, "exitCode", 2));
        }
        PullService.Outcome o = pulls.run(r);
        return ResponseEntity.ok(Map.of("summary", o.output(), "exitCode", o.exitCode()));
    }
}
