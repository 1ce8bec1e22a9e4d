package org.radbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.server.pull.PullRequest;
import org.radbridge.server.pull.PullService;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code radbridge pull dimse|dicomweb ...}: a resumable pull. When a server runs on the same data directory the
 * arguments go to it ({@code POST /api/pull}) and the pull runs there, with the server's database and receiver;
 * otherwise it runs in this process.
 */
final class PullCommand {
    private PullCommand() {}

    static int run(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        PullRequest request;
        try {
            request = PullRequest.parse(argList);
        } catch (PullRequest.Invalid e) {
            if (!e.getMessage().isEmpty()) System.err.println("radbridge pull: " + e.getMessage());
            System.err.print(PullRequest.USAGE);
            return 2;
        }
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        try (ServerLock.Owner owner = ServerLock.claim(s)) {
            if (owner.server()) {
                System.err.println("A RadBridge server runs on this data directory: handing the pull to it at " + ServerLock.url(s));
                JsonNode answer;
                try {
                    answer = ServerLock.postJson(s, "/api/pull", Map.of("args", argList));
                } catch (IOException e) {
                    System.err.println("radbridge pull: the server stopped answering (" + e.getMessage()
                            + "); run the same command again once it is back: the pull resumes where it stopped");
                    return 1;
                }
                System.out.print(answer.path("summary").asText());
                return answer.path("exitCode").asInt(1);
            }
            // fail fast, before the database and FHIR server start, when the PACS is unreachable or refuses us
            String problem = PullService.check(request);
            if (problem != null) {
                System.err.println("radbridge pull: " + problem);
                return 1;
            }
            try (ConfigurableApplicationContext ctx = ServerCommands.start(false)) {
                PullService.Outcome o = ctx.getBean(PullService.class).run(request);
                // the pull's report goes to stdout as before; an error that stopped it before it began to stderr
                (o.output().startsWith("radbridge pull:") ? System.err : System.out).print(o.output());
                return o.exitCode();
            }
        }
    }
}
