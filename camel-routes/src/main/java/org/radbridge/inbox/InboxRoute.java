package org.radbridge.inbox;

import org.apache.camel.builder.RouteBuilder;
import org.radbridge.ingest.IngestService;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Watches data/inbox for continuous drops of DICOM and report files. A file is taken only once it
 * has stopped growing, then staged and moved to data/done/DATE, or moved to the quarantine.
 */
public final class InboxRoute extends RouteBuilder {
    private final Path inbox;
    private final Path done;
    private final IngestService ingest;
    private final InboxProgress progress;

    public InboxRoute(Path inbox, Path done, IngestService ingest) {
        this(inbox, done, ingest, null);
    }

    /** @param progress where the files taken and waiting show as a running job (null: nowhere) */
    public InboxRoute(Path inbox, Path done, IngestService ingest, InboxProgress progress) {
        this.inbox = inbox;
        this.done = done;
        this.ingest = ingest;
        this.progress = progress;
    }

    @Override
    public void configure() {
        // our processor moves each file itself (to done or quarantine), so Camel must neither move
        // nor remember it; readLock=changed skips files still being written
        fromF("file:%s?noop=true&idempotent=false&recursive=true&readLock=changed&readLockMinAge=1000"
                        + "&readLockCheckInterval=500&delay=1000&maxMessagesPerPoll=1000&exclude=^\\..*", inbox.toAbsolutePath())
                .routeId("inbox")
                .process(exchange -> {
                    Path file = exchange.getIn().getBody(java.io.File.class).toPath();
                    boolean staged = ingest.ingestInboxFile(file, done.resolve(LocalDate.now().toString()));
                    if (progress != null) {
                        progress.handled(!java.nio.file.Files.exists(file), staged,
                                Boolean.TRUE.equals(exchange.getProperty(org.apache.camel.Exchange.BATCH_COMPLETE, Boolean.class)));
                    }
                });
    }
}
