package org.radbridge.server.mappings;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.radbridge.write.fhir.FhirSink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes canonical resources (CodeSystems, ConceptMaps) whose version is a digest of their content, leaving out those
 * stored already at that version. Every start publishes them; an unchanged one was a conditional PUT HAPI had to parse,
 * match and compare before finding nothing to do (seconds at start for the CodeSystems with their concepts), where one
 * search per URL answers the same question.
 */
final class CanonicalPublication {
    private CanonicalPublication() {}

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
    static <R extends MetadataResource> int write(FhirSink fhir, String type, List<R> resources) {
        List<R> changed = changed(fhir, type, resources);
        if (changed.isEmpty()) return 0;
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (R r : changed) b.addEntry().setResource(r).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "?url=" + r.getUrl());
        fhir.transaction(b);
        return changed.size();
    }

    /** Those of the resources whose URL has no stored resource of the same version (one transaction of searches). */
    private static <R extends MetadataResource> List<R> changed(FhirSink fhir, String type, List<R> resources) {
        if (resources.isEmpty()) return List.of();
        Bundle searches = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (R r : resources) searches.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(type + "?url=" + r.getUrl());
        Bundle answer = fhir.transaction(searches);
        List<R> out = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            R r = resources.get(i);
            Resource found = i < answer.getEntry().size() ? answer.getEntry().get(i).getResource() : null;
            boolean stored = found instanceof Bundle result && result.getEntry().size() == 1
                    && result.getEntryFirstRep().getResource() instanceof MetadataResource m && r.getVersion().equals(m.getVersion());
            if (!stored) out.add(r);
        }
        return out;
    }
}
