package org.radbridge.dicom.sr;

import java.util.List;

/**
 * One content item of an SR content tree (DICOM PS3.3 C.17.3), toolkit-neutral: what the writer takes and what the
 * reader flattens. {@code name} is the concept name (code value, scheme, meaning), {@code value} the item's value:
 * the text of a TEXT, the meaning of a CODE (with {@code code}), the number of a NUM (with {@code unit} as a UCUM
 * code), the value of DATE/TIME/DATETIME/PNAME/UIDREF.
 */
public record SrContent(String relationship, String valueType, Code name, String value, Code code, String unit,
                        List<SrContent> children) {

    /** A coded concept: value, coding scheme designator, meaning. */
    public record Code(String value, String scheme, String meaning) {}

    public static SrContent container(String relationship, Code name, SrContent... children) {
        return new SrContent(relationship, "CONTAINER", name, null, null, null, List.of(children));
    }

    public static SrContent text(Code name, String text) {
        return new SrContent("CONTAINS", "TEXT", name, text, null, null, List.of());
    }

    public static SrContent code(Code name, Code value) {
        return new SrContent("CONTAINS", "CODE", name, value.meaning(), value, null, List.of());
    }

    public static SrContent num(Code name, String number, String ucumUnit) {
        return new SrContent("CONTAINS", "NUM", name, number, null, ucumUnit, List.of());
    }

    public SrContent withRelationship(String r) {
        return new SrContent(r, valueType, name, value, code, unit, children);
    }
}
