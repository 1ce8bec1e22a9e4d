package org.radbridge.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {

    @Test
    void storesOnlyDigestsAndAuthenticatesTheRawToken(@TempDir Path dir) throws Exception {
        TokenStore store = new TokenStore(dir, null);
        String raw = store.create("ward-app", Role.READER, null);
        assertThat(raw).startsWith("rb_").hasSizeGreaterThan(40);
        assertThat(Files.readString(store.file())).doesNotContain(raw).contains(TokenStore.digest(raw)).contains("ward-app,reader");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(store.authenticate(raw)).contains(new ApiPrincipal("ward-app", Role.READER, null));
        assertThat(store.authenticate(raw + "x")).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
    }

    @Test
    void aSecondStoreOnTheSameFileSeesCreationsAndRevocations(@TempDir Path dir) throws Exception {
        TokenStore server = new TokenStore(dir, null);
        TokenStore commandLine = new TokenStore(dir, null);
        assertThat(server.authenticate("rb_unknown")).isEmpty();
        String raw = commandLine.create("portal", Role.PATIENT, "pat-17");
        assertThat(server.authenticate(raw)).contains(new ApiPrincipal("portal", Role.PATIENT, "pat-17"));
        assertThat(commandLine.revoke("portal")).isEqualTo(1);
        assertThat(server.authenticate(raw)).isEmpty();
    }

    @Test
    void theLocalAdminTokenIsCreatedOnceAndAConfiguredOneIsNeverWritten(@TempDir Path dir) throws Exception {
        TokenStore store = new TokenStore(dir, null);
        store.ensureLocalAdmin();
        String raw = store.localAdminToken().orElseThrow();
        store.ensureLocalAdmin();
        assertThat(store.localAdminToken()).contains(raw);
        assertThat(store.authenticate(raw).map(ApiPrincipal::role)).contains(Role.ADMIN);
        assertThat(store.list()).hasSize(1);

        Path other = dir.resolve("prod");
        TokenStore configured = new TokenStore(other, "a-configured-secret");
        configured.ensureLocalAdmin();
        assertThat(Files.exists(configured.adminTokenFile())).isFalse();
        assertThat(configured.authenticate("a-configured-secret").map(ApiPrincipal::role)).contains(Role.ADMIN);
        assertThat(configured.authenticate("a-configured-secreT")).isEmpty();
    }

    @Test
    void refusesBadNamesDuplicatesAndPatientTokensWithoutAPatient(@TempDir Path dir) throws Exception {
        TokenStore store = new TokenStore(dir, null);
        store.create("a", Role.ADMIN, null);
        assertThatThrownBy(() -> store.create("a", Role.READER, null)).hasMessageContaining("exists");
        assertThatThrownBy(() -> store.create("has,comma", Role.READER, null)).hasMessageContaining("name");
        assertThatThrownBy(() -> store.create("p", Role.PATIENT, null)).hasMessageContaining("Patient id");
        assertThatThrownBy(() -> store.create("r", Role.READER, "pat-1")).hasMessageContaining("patient role");
        assertThatThrownBy(() -> Role.parse("superuser")).hasMessageContaining("unknown role");
    }
}
