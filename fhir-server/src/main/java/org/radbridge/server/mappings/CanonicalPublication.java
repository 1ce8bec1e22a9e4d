package org.radbridge.server.mappings;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.radbridge.write.fhir.FhirSink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes canonical resources (CodeSystems, ConceptMaps) whose version is a digest of their content, leaving out those
 * stored already at that version. Every start publishes them; an unchanged one was a conditional PUT HAPI had to parse,
 * match and compare before finding nothing to do (seconds at start for the CodeSystems with their concepts), where one
 * search per URL answers the same question.
 */
public final class CanonicalPublication {
    private CanonicalPublication() {}

    /** The version of the resource of a type stored under a canonical URL, if exactly one is stored. */
    @FunctionalInterface
    public interface StoredVersions {
        java.util.Optional<String> of(String type, String url);

        /** Knows nothing: every resource is written (a conditional PUT on an unchanged one changes nothing). */
        StoredVersions NONE = (type, url) -> java.util.Optional.empty();

        /** Asks HAPI's DAO of the type: a synchronous search by url. */
        static StoredVersions of(ca.uhn.fhir.jpa.api.dao.DaoRegistry daos) {
            return (type, url) -> {
                ca.uhn.fhir.jpa.searchparam.SearchParameterMap byUrl =
                        ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous("url", new ca.uhn.fhir.rest.param.UriParam(url));
                List<org.hl7.fhir.instance.model.api.IBaseResource> found = daos.getResourceDao(type)
                        .search(byUrl, new ca.uhn.fhir.rest.api.server.SystemRequestDetails()).getResources(0, 2);
                return found.size() == 1 && found.get(0) instanceof MetadataResource m ? java.util.Optional.ofNullable(m.getVersion())
                        : java.util.Optional.empty();
            };
        }
    }

    /** A version naming the content: the first 12 hex digits of the SHA-256 of the lines given. */
    static String version(List<String> lines) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String line : lines) md.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            return "radbridge-" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes, in one transaction of PUTs conditional on the URL, the resources not stored at their version; returns
     * how many were written.
     */
    static <R extends MetadataResource> int write(FhirSink fhir, StoredVersions stored, String type, List<R> resources) {
        List<R> changed = resources.stream().filter(r -> !stored.of(type, r.getUrl()).map(r.getVersion()::equals).orElse(false)).toList();
        if (changed.isEmpty()) return 0;
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (R r : changed) b.addEntry().setResource(r).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "?url=" + r.getUrl());
        fhir.transaction(b);
        return changed.size();
    }
}
