package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.util.Map;

/** The sign-in page: a token of the clinical view (admin or reader) opens the console; patient tokens do not. */
@Controller
public class SignInController {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");

    private final ConsoleSession session;
    private final Pages pages;

    public SignInController(ConsoleSession session, Pages pages) {
        this.session = session;
        this.pages = pages;
    }

    @GetMapping("/signin")
    public ResponseEntity<String> form(HttpServletRequest request) {
        if (session.user(request).isPresent()) return redirect("/");
        return pages.render("signin", null, "", Map.of());
    }

    @PostMapping("/signin")
    public ResponseEntity<String> signIn(HttpServletRequest request, @RequestParam(name = "token", required = false) String token) {
        var user = session.signIn(request, token);
        if (user.isEmpty()) {
            audit.warn("console: sign-in refused from {}", request.getRemoteAddr());
            return pages.render(HttpStatus.UNAUTHORIZED, "signin", null, "",
                    Map.of("error", "This token is not valid here, or its role (patient) cannot use the console."));
        }
        audit.info("console: {} ({}) signed in from {}", user.get().name(), user.get().role(), request.getRemoteAddr());
        return redirect("/");
    }

    @PostMapping("/signout")
    public ResponseEntity<String> signOut(HttpServletRequest request) {
        session.signOut(request);
        return redirect("/signin");
    }

    static ResponseEntity<String> redirect(String to) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(to)).build();
    }
}
