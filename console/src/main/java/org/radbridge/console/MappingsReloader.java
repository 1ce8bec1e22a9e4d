package org.radbridge.console;

import java.util.List;

/** The server's `mappings reload`: validate the files, put them in force, re-project the studies they change. */
@FunctionalInterface
public interface MappingsReloader {
    record Outcome(boolean applied, List<String> errors, List<String> warnings, long studiesReprojected, long reportsReprojected) {}

    Outcome reload() throws Exception;
}
