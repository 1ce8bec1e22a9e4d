package org.radbridge.cli;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.server.security.smart.SmartClientRegistry;
import org.radbridge.server.security.smart.SmartTestKeys;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCommandTest {
    @TempDir Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("radbridge.data");
    }

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) throws Exception {
        return ClientCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void registersListsAndRemovesClients() throws Exception {
        System.setProperty("radbridge.data", dir.resolve("data").toString());
        RSAKey key = SmartTestKeys.rsa();
        Path jwks = SmartTestKeys.publicJwks(dir, key);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertThat(run(out, err, "register", "--name", "ris", "--jwks", jwks.toString(), "--scope", "system/*.read openid")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("ris");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("system/*.read").doesNotContain("openid");
        assertThat(new SmartClientRegistry(dir.resolve("data/secrets")).find("ris")).isPresent();

        ByteArrayOutputStream e2 = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), e2, "register", "--name", "ris", "--jwks", jwks.toString(), "--scope", "system/*.read")).isEqualTo(2);
        assertThat(e2.toString(StandardCharsets.UTF_8)).contains("exists");
        ByteArrayOutputStream e3 = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), e3, "register", "--name", "p", "--jwks", jwks.toString(), "--scope", "patient/*.read")).isEqualTo(2);
        assertThat(e3.toString(StandardCharsets.UTF_8)).contains("--patient");
        ByteArrayOutputStream e4 = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), e4, "register", "--name", "x", "--jwks", dir.resolve("missing.json").toString(), "--scope", "system/*.read")).isEqualTo(2);
        assertThat(e4.toString(StandardCharsets.UTF_8)).contains("no JWKS file");

        ByteArrayOutputStream list = new ByteArrayOutputStream();
        assertThat(run(list, new ByteArrayOutputStream(), "list")).isZero();
        assertThat(list.toString(StandardCharsets.UTF_8)).contains("ris,system/*.read,,registered,");
        assertThat(run(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "remove", "ris")).isZero();
        assertThat(run(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "remove", "ris")).isEqualTo(1);
    }
}
