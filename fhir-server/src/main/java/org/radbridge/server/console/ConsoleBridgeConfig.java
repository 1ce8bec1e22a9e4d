package org.radbridge.server.console;

import org.radbridge.console.ConsoleSignIn;
import org.radbridge.console.ConsoleUser;
import org.radbridge.console.MappingsReloader;
import org.radbridge.server.mappings.MappingsService;
import org.radbridge.server.security.Role;
import org.radbridge.server.security.TokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/**
 * What the console (module console/, which does not know the server) takes from it: sign-in with the tokens of /fhir
 * (admin acts, reader looks, patient tokens are refused since the console shows every patient), and the reload of
 * `mappings reload`.
 */
@Configuration
public class ConsoleBridgeConfig {
    @Bean
    public ConsoleSignIn consoleSignIn(TokenStore tokens) {
        return token -> tokens.authenticate(token)
                .filter(p -> p.role() != Role.PATIENT)
                .map(p -> new ConsoleUser(p.name(), p.role().label(), p.role() == Role.ADMIN))
                .or(Optional::empty);
    }

    @Bean
    public MappingsReloader consoleMappingsReloader(MappingsService mappings) {
        return () -> {
            MappingsService.Outcome o = mappings.reload();
            return new MappingsReloader.Outcome(o.applied(), o.errors(), o.warnings(), o.affected().studies(), o.affected().reports());
        };
    }
}
