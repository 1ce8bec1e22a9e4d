package org.radbridge.mappings;

/** Where a source value maps to: a vocabulary code, with its OMOP concept id once resolved. */
public record MappingTarget(String vocabularyId, String code, String display, Integer conceptId) {}
