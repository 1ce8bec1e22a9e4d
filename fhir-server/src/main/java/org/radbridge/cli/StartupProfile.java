package org.radbridge.cli;

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

/**
 * Where the application's start-up time goes: with RADBRIDGE_STARTUP_PROFILE=FILE, Spring's start-up steps (bean
 * instantiations, context refresh phases) are recorded and written to FILE as TSV, longest own time first: own
 * milliseconds (less the nested steps, such as the beans it needed), total milliseconds, step, bean or detail.
 */
final class StartupProfile {
    private final Path file;
    private final BufferingApplicationStartup recorder = new BufferingApplicationStartup(100_000);

    private StartupProfile(Path file) {
        this.file = file;
    }

    static StartupProfile fromEnvironment() {
        String f = System.getenv("RADBRIDGE_STARTUP_PROFILE");
        return f == null || f.isBlank() ? null : new StartupProfile(Path.of(f));
    }

    BufferingApplicationStartup recorder() {
        return recorder;
    }

    void write() {
        List<StartupTimeline.TimelineEvent> all = recorder.getBufferedTimeline().getEvents();
        // a step's own time: its duration less that of the steps nested in it
        java.util.Map<Long, Long> childMillis = new java.util.HashMap<>();
        for (StartupTimeline.TimelineEvent e : all) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) childMillis.merge(parent, e.getDuration().toMillis(), Long::sum);
        }
        java.util.function.ToLongFunction<StartupTimeline.TimelineEvent> self =
                e -> e.getDuration().toMillis() - childMillis.getOrDefault(e.getStartupStep().getId(), 0L);
        List<StartupTimeline.TimelineEvent> events = all.stream().sorted(Comparator.comparingLong(self).reversed()).toList();
        StringBuilder b = new StringBuilder("self_ms\ttotal_ms\tstep\tdetail\n");
        for (StartupTimeline.TimelineEvent e : events) {
            StartupStep step = e.getStartupStep();
            String detail = String.join(" ", StreamSupport.stream(step.getTags().spliterator(), false)
                    .map(t -> t.getKey() + "=" + t.getValue()).toList());
            b.append(String.format(Locale.ROOT, "%d\t%d\t%s\t%s%n", self.applyAsLong(e), e.getDuration().toMillis(), step.getName(), detail));
        }
        try {
            Files.writeString(file, b);
            System.err.println("Start-up profile (" + events.size() + " steps, longest first) written to " + file);
        } catch (IOException e) {
            System.err.println("radbridge: could not write the start-up profile to " + file + ": " + e.getMessage());
        }
    }

}
