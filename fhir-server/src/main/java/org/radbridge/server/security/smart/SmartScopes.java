package org.radbridge.server.security.smart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART on FHIR resource scopes ({@code system/ImagingStudy.read}, {@code patient/*.rs}, {@code system/DiagnosticReport.cruds}):
 * version 1 ({@code .read}, {@code .write}, {@code .*}) and version 2 ({@code .c .r .u .d .s} in that order). Scopes that
 * are not resource scopes ({@code openid}, {@code launch/patient}, ...) and v2 scopes with a query ({@code ?category=...},
 * finer than RadBridge enforces) grant nothing: a scope is never widened.
 */
public final class SmartScopes {
    /** SMART v2 interactions: create, read, update, delete, search. */
    public enum Interaction { CREATE, READ, UPDATE, DELETE, SEARCH }

    /** Who the scope speaks for: {@code patient/} scopes are limited to the token's patient. */
    public enum Context { SYSTEM, USER, PATIENT }

    public record Grant(Context context, String resourceType, Set<Interaction> interactions, String scope) {
        public boolean covers(String type) {
            return resourceType.equals("*") || resourceType.equals(type);
        }
    }

    private static final Pattern RESOURCE_SCOPE = Pattern.compile("(system|user|patient)/(\\*|[A-Z][A-Za-z]+)\\.([A-Za-z*]+)");

    private final List<Grant> grants;
    private final String text;

    private SmartScopes(List<Grant> grants, String text) {
        this.grants = List.copyOf(grants);
        this.text = text;
    }

    public static SmartScopes parse(String scopeString) {
        List<Grant> grants = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        if (scopeString != null) {
            for (String s : scopeString.trim().split("\\s+")) {
                if (s.isEmpty()) continue;
                Grant g = grant(s);
                if (g != null) {
                    grants.add(g);
                    kept.add(s);
                }
            }
        }
        return new SmartScopes(grants, String.join(" ", kept));
    }

    /** One resource scope, or null if it is not one RadBridge grants anything for. */
    static Grant grant(String scope) {
        Matcher m = RESOURCE_SCOPE.matcher(scope);
        if (!m.matches()) return null;
        Context context = Context.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        Set<Interaction> interactions = interactions(m.group(3));
        return interactions == null ? null : new Grant(context, m.group(2), interactions, scope);
    }

    private static Set<Interaction> interactions(String permission) {
        switch (permission) {
            case "read": return EnumSet.of(Interaction.READ, Interaction.SEARCH);
            case "write": return EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
            case "*": return EnumSet.allOf(Interaction.class);
            default:
        }
        // v2: a non-empty subsequence of "cruds", letters in that order, each at most once
        if (!permission.matches("c?r?u?d?s?") || permission.isEmpty()) return null;
        EnumSet<Interaction> set = EnumSet.noneOf(Interaction.class);
        for (char c : permission.toCharArray()) {
            set.add(switch (c) {
                case 'c' -> Interaction.CREATE;
                case 'r' -> Interaction.READ;
                case 'u' -> Interaction.UPDATE;
                case 'd' -> Interaction.DELETE;
                default -> Interaction.SEARCH;
            });
        }
        return set;
    }

    public List<Grant> grants() { return grants; }

    /** The resource scopes kept, space separated (what a token issued for them carries). */
    public String text() { return text; }

    public boolean isEmpty() { return grants.isEmpty(); }

    /** True if some grant covers {@code interaction} on {@code resourceType} in {@code context}. */
    public boolean allows(Context context, String resourceType, Interaction interaction) {
        return grants.stream().anyMatch(g -> g.context() == context && g.covers(resourceType) && g.interactions().contains(interaction));
    }

    /** True if some grant of any context covers {@code interaction} on {@code resourceType}. */
    public boolean allowsAnyContext(String resourceType, Interaction interaction) {
        return grants.stream().anyMatch(g -> g.covers(resourceType) && g.interactions().contains(interaction));
    }

    public boolean hasContext(Context context) {
        return grants.stream().anyMatch(g -> g.context() == context);
    }

    /**
     * The requested scopes a client may have: each requested resource scope that one of {@code allowed} covers (same
     * context, same or wildcard type, a subset of its interactions). Requested scopes that are not covered are dropped,
     * as OAuth lets a server grant fewer scopes than asked for.
     */
    public SmartScopes narrowTo(SmartScopes allowed) {
        List<Grant> kept = new ArrayList<>();
        for (Grant g : grants) {
            boolean covered = allowed.grants.stream().anyMatch(a -> a.context() == g.context()
                    && (a.resourceType().equals("*") || a.resourceType().equals(g.resourceType()))
                    && a.interactions().containsAll(g.interactions()));
            if (covered) kept.add(g);
        }
        return new SmartScopes(kept, String.join(" ", kept.stream().map(Grant::scope).toList()));
    }

    public static SmartScopes of(Collection<String> scopes) {
        return parse(String.join(" ", scopes));
    }

    @Override
    public String toString() { return text; }
}
