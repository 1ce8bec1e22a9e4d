package org.radbridge.map;

import org.radbridge.mappings.MappingSet;
import org.radbridge.mappings.MappingTarget;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The mapping set in force; swapped whole on reload so a projection never sees half an edit. */
public final class CurrentMappings {
    private final AtomicReference<MappingSet> current;

    public CurrentMappings(MappingSet initial) {
        this.current = new AtomicReference<>(initial);
    }

    public void replace(MappingSet next) {
        if (next == null) throw new IllegalArgumentException("no mapping set");
        current.set(next);
    }

    /** The mapping set in force now (take it once per unit of work to see one consistent set). */
    public MappingSet current() {
        return current.get();
    }

    public Optional<MappingTarget> lookup(String mapping, String source, LocalDate on) {
        return current.get().lookup(mapping, source, on);
    }

    public MappingSet.Resolution resolve(String mapping, String source, LocalDate on) {
        return current.get().resolve(mapping, source, on);
    }

    public int conceptId(String mapping, String source, LocalDate on) {
        return lookup(mapping, source, on).map(MappingTarget::conceptId).filter(id -> id != null).orElse(0);
    }
}
