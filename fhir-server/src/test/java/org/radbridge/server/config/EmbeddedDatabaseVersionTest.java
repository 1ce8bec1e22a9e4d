package org.radbridge.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseVersionTest {
    @Test
    void theBinariesAreTheMajorVersionOfDebiansClient() throws Exception {
        assertThat(EmbeddedDatabase.binariesMajor()).isEqualTo("15");
    }

    @Test
    void aDataDirectoryOfAnotherMajorVersionIsRefusedWithWhatToDo(@TempDir Path pg) throws Exception {
        Files.writeString(pg.resolve("PG_VERSION"), "17\n");
        assertThatThrownBy(() -> EmbeddedDatabase.checkDataDirectoryVersion(pg, "15"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a PostgreSQL 17 database").hasMessageContaining("runs PostgreSQL 15")
                .hasMessageContaining("move " + pg + " away");
    }

    @Test
    void aNewOrMatchingDataDirectoryIsAccepted(@TempDir Path pg) throws Exception {
        assertThatCode(() -> EmbeddedDatabase.checkDataDirectoryVersion(pg.resolve("absent"), "15")).doesNotThrowAnyException();
        Files.writeString(pg.resolve("PG_VERSION"), "15\n");
        assertThatCode(() -> EmbeddedDatabase.checkDataDirectoryVersion(pg, "15")).doesNotThrowAnyException();
    }
}
