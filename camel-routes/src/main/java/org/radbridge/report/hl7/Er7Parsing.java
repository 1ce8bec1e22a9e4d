package org.radbridge.report.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * ER7 (pipe-encoded) messages read by HAPI HL7v2's {@link PipeParser} into its generic model: every version from 2.3
 * to 2.8 and every message type parse the same way, each segment a {@code GenericSegment} whose fields HAPI has split
 * and whose delimiter escapes ({@code \F\ \S\ \T\ \R\ \E\}) it has decoded. The generic model keeps segments in the
 * order they were sent (a segment name met again after another one becomes a new structure, {@code NTE2} ...), which
 * is what the report reader needs to attach NTE and OBX text to the right OBR. Parsing is lenient: no validation
 * rules, unknown versions allowed, so that what real systems send is read and our own checks decide what to refuse.
 */
final class Er7Parsing {
    private static final ModelClassFactory GENERIC = new GenericModelClassFactory();
    /** PipeParser caches structure definitions in a plain HashMap; the MLLP listener reads on several threads. */
    private static final ThreadLocal<PipeParser> PARSER = ThreadLocal.withInitial(Er7Parsing::newParser);

    private Er7Parsing() {}

    private static PipeParser newParser() {
        HapiContext context = new DefaultHapiContext(GENERIC);
        context.setValidationContext(ValidationContextFactory.noValidation());
        ParserConfiguration config = context.getParserConfiguration();
        config.setValidating(false);
        config.setAllowUnknownVersions(true);
        return context.getPipeParser();
    }

    /** The whole message, segments separated by CR as ER7 requires. */
    static Message parse(String er7) throws HL7Exception {
        return PARSER.get().parse(er7);
    }

    /** One MSH segment on its own, for the acknowledgement of a message whose rest may not parse. */
    static Segment parseMsh(String mshSegment, EncodingCharacters delimiters) throws HL7Exception {
        Message holder = new GenericMessage.V251(GENERIC);
        Segment msh = (Segment) holder.get("MSH");
        PARSER.get().parse(msh, mshSegment, delimiters);
        return msh;
    }

    /** The segments of a generic message in the order they were sent. */
    static List<Segment> inOrder(Message message) throws HL7Exception {
        List<Segment> out = new ArrayList<>();
        for (String name : message.getNames()) {
            for (Structure s : message.getAll(name)) {
                if (s instanceof Segment segment) out.add(segment);
            }
        }
        return out;
    }

    /** Terser's value (escapes decoded) of field/repetition/component/subcomponent, 1-based except the repetition; "" when absent. */
    static String value(Segment s, int field, int repetition, int component, int subcomponent) throws HL7Exception {
        if (field > s.numFields()) return "";
        String v = Terser.get(s, field, repetition, component, subcomponent);
        return v == null ? "" : v;
    }

    /** Component 1 (first subcomponent) of the first repetition of a field. */
    static String first(Segment s, int field) throws HL7Exception {
        return value(s, field, 0, 1, 1);
    }

    /** The repetitions of a field; none when the field is absent or empty. */
    static Type[] repetitions(Segment s, int field) throws HL7Exception {
        if (field > s.numFields()) return new Type[0];
        return s.getField(field);
    }

    /** A field HAPI has split, encoded again with the message's delimiters (MSH-3 as the sender wrote it, for keys). */
    static String encoded(Segment s, int field, EncodingCharacters delimiters) throws HL7Exception {
        Type[] reps = repetitions(s, field);
        return reps.length == 0 ? "" : PipeParser.encode(reps[0], delimiters);
    }

    /**
     * A text value (ST, TX, FT) with its components and subcomponents joined again by the delimiters: these types
     * have no components, so a component separator in them is text the sender did not escape, and kept as text.
     */
    static String text(Type repetition, EncodingCharacters delimiters) {
        StringBuilder out = new StringBuilder();
        append(out, repetition, delimiters, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Type t, EncodingCharacters d, int depth) {
        if (t instanceof Varies v) {
            append(out, v.getData(), d, depth);
        } else if (t instanceof Primitive p) {
            if (p.getValue() != null) out.append(p.getValue());
        } else if (t instanceof Composite c) {
            Type[] parts = c.getComponents();
            char separator = depth == 0 ? d.getComponentSeparator() : d.getSubcomponentSeparator();
            int last = parts.length - 1;
            while (last > 0 && isEmpty(parts[last])) last--;
            for (int i = 0; i <= last; i++) {
                if (i > 0) out.append(separator);
                append(out, parts[i], d, depth + 1);
            }
        }
    }

    private static boolean isEmpty(Type t) {
        try {
            return t.isEmpty();
        } catch (HL7Exception e) {
            return false;
        }
    }
}
