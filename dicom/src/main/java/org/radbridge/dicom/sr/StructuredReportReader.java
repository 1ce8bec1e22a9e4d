package org.radbridge.dicom.sr;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import org.radbridge.dicom.DicomParseException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the text of a narrative DICOM SR (Basic Text, Enhanced, Comprehensive, Comprehensive 3D, Extensible SR) with
 * PixelMed and flattens its content tree into report text: a CONTAINER below the root becomes a section heading
 * ("FINDINGS:"), TEXT items their text, CODE items "name: meaning", NUM items "name: value unit", DATE/TIME/DATETIME
 * and PNAME items "name: value". Observation-context and concept-modifier items (observer, language) and references
 * to images or coordinates are left out: they are not part of what the radiologist wrote. Radiation dose reports are
 * not narratives and give no report.
 */
public final class StructuredReportReader {
    /** SOP Class UIDs from DICOM PS3.4 Annex B.5 (Standard SOP Classes). */
    public static final Set<String> NARRATIVE_SR_CLASSES = Set.of(
            "1.2.840.10008.5.1.4.1.1.88.11",  // Basic Text SR Storage
            "1.2.840.10008.5.1.4.1.1.88.22",  // Enhanced SR Storage
            "1.2.840.10008.5.1.4.1.1.88.33",  // Comprehensive SR Storage
            "1.2.840.10008.5.1.4.1.1.88.34",  // Comprehensive 3D SR Storage
            "1.2.840.10008.5.1.4.1.1.88.35"); // Extensible SR Storage

    /**
     * Document titles of dose reports (DICOM PS3.16: 113701 "X-Ray Radiation Dose Report", TID 10001; 113500
     * "Radiopharmaceutical Radiation Dose Report", TID 10021; DCM coding scheme), which some modalities send as
     * Enhanced or Comprehensive SR.
     */
    static final Set<String> DOSE_REPORT_TITLES = Set.of("113701", "113500");

    private static final AttributeTag PRELIMINARY_FLAG = new AttributeTag(0x0040, 0xA496);
    private static final int MAX_DEPTH = 64;

    public static boolean isNarrativeSr(String sopClassUid) {
        return sopClassUid != null && NARRATIVE_SR_CLASSES.contains(sopClassUid.trim());
    }

    /** The document, or empty when it is a dose report; throws when the file cannot be read as an SR. */
    public Optional<SrDocument> read(Path file) throws DicomParseException {
        AttributeList list = new AttributeList();
        try {
            list.read(file.toString());
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomParseException("SR not readable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        String sopClass = string(list, TagFromName.SOPClassUID);
        if (!isNarrativeSr(sopClass)) throw new DicomParseException("not a narrative SR (SOP Class " + sopClass + ")");
        if (!"CONTAINER".equals(string(list, TagFromName.ValueType))) {
            throw new DicomParseException("SR root content item is not a CONTAINER");
        }
        String titleCode = codeValue(list, TagFromName.ConceptNameCodeSequence);
        if (DOSE_REPORT_TITLES.contains(titleCode)) return Optional.empty();
        StringBuilder text = new StringBuilder();
        flattenChildren(list, text, 0, true);
        return Optional.of(new SrDocument(sopClass, string(list, TagFromName.SOPInstanceUID), string(list, TagFromName.StudyInstanceUID),
                string(list, TagFromName.AccessionNumber), string(list, TagFromName.PatientID), string(list, TagFromName.IssuerOfPatientID),
                status(list), string(list, TagFromName.ContentDate), string(list, TagFromName.ContentTime),
                codeMeaning(list, TagFromName.ConceptNameCodeSequence), tidy(text.toString())));
    }

    private static void flattenChildren(AttributeList parent, StringBuilder out, int depth, boolean underRoot) throws DicomParseException {
        if (depth > MAX_DEPTH) throw new DicomParseException("SR content tree nested deeper than " + MAX_DEPTH + " levels");
        Attribute a = parent.get(TagFromName.ContentSequence);
        if (!(a instanceof SequenceAttribute seq)) return;
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            AttributeList item = seq.getItem(i).getAttributeList();
            String relationship = string(item, TagFromName.RelationshipType);
            if (relationship.equals("HAS OBS CONTEXT") || relationship.equals("HAS CONCEPT MOD")) continue;
            String type = string(item, TagFromName.ValueType);
            String name = codeMeaning(item, TagFromName.ConceptNameCodeSequence);
            switch (type) {
                case "CONTAINER" -> {
                    out.append('\n');
                    if (!name.isEmpty()) out.append(name.toUpperCase(Locale.ROOT)).append(":\n");
                    flattenChildren(item, out, depth + 1, false);
                    out.append('\n');
                    continue;
                }
                case "TEXT" -> {
                    String v = string(item, TagFromName.TextValue);
                    if (!v.isEmpty()) out.append(underRoot && !name.isEmpty() ? name + ": " + v : v).append('\n');
                }
                case "CODE" -> line(out, name, codeMeaning(item, TagFromName.ConceptCodeSequence));
                case "NUM" -> line(out, name, number(item));
                case "DATE" -> line(out, name, string(item, TagFromName.Date));
                case "TIME" -> line(out, name, string(item, TagFromName.Time));
                case "DATETIME" -> line(out, name, string(item, TagFromName.DateTime));
                case "PNAME" -> line(out, name, string(item, TagFromName.PersonName).replace('^', ' ').trim());
                default -> { /* IMAGE, COMPOSITE, WAVEFORM, SCOORD, SCOORD3D, TCOORD, UIDREF: references, not narrative */ }
            }
            // children of a non-container (INFERRED FROM, HAS PROPERTIES ...) continue the same section
            flattenChildren(item, out, depth + 1, false);
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value == null || value.isEmpty()) return;
        out.append(name.isEmpty() ? value : name + ": " + value).append('\n');
    }

    private static String number(AttributeList item) {
        Attribute mv = item.get(TagFromName.MeasuredValueSequence);
        if (!(mv instanceof SequenceAttribute seq) || seq.getNumberOfItems() == 0) return "";
        AttributeList v = seq.getItem(0).getAttributeList();
        String n = string(v, TagFromName.NumericValue);
        if (n.isEmpty()) return "";
        Attribute units = v.get(TagFromName.MeasurementUnitsCodeSequence);
        String unit = "";
        if (units instanceof SequenceAttribute us && us.getNumberOfItems() > 0) {
            AttributeList u = us.getItem(0).getAttributeList();
            // UCUM "1" means a pure number, and {...} annotations are counts; neither reads as a unit
            String code = string(u, TagFromName.CodeValue);
            unit = code.equals("1") || code.startsWith("{") ? "" : "UCUM".equals(string(u, TagFromName.CodingSchemeDesignator)) ? code
                    : string(u, TagFromName.CodeMeaning);
        }
        return unit.isEmpty() ? n : n + " " + unit;
    }

    private static String status(AttributeList list) {
        String preliminary = string(list, PRELIMINARY_FLAG);
        String completion = string(list, TagFromName.CompletionFlag);
        String verification = string(list, TagFromName.VerificationFlag);
        if (preliminary.equals("PRELIMINARY") || verification.equals("UNVERIFIED")) return "preliminary";
        if (completion.equals("PARTIAL")) return "partial";
        Attribute predecessors = list.get(TagFromName.PredecessorDocumentsSequence);
        if (predecessors instanceof SequenceAttribute p && p.getNumberOfItems() > 0) return "amended";
        return "final";
    }

    private static String codeMeaning(AttributeList list, AttributeTag sequence) {
        Attribute a = list.get(sequence);
        if (!(a instanceof SequenceAttribute seq) || seq.getNumberOfItems() == 0) return "";
        return string(seq.getItem(0).getAttributeList(), TagFromName.CodeMeaning);
    }

    private static String codeValue(AttributeList list, AttributeTag sequence) {
        Attribute a = list.get(sequence);
        if (!(a instanceof SequenceAttribute seq) || seq.getNumberOfItems() == 0) return "";
        return string(seq.getItem(0).getAttributeList(), TagFromName.CodeValue);
    }

    private static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).replace('\u0000', ' ').trim();
    }

    private static String tidy(String text) {
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
