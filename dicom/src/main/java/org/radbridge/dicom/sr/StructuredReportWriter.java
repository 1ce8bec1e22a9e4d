package org.radbridge.dicom.sr;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DateTimeAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnlimitedTextAttribute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an SR document (Part 10, Explicit VR Little Endian, UTF-8 "ISO_IR 192") from a content tree, for test
 * fixtures and synthetic data. Deterministic: no clock, no generated UIDs.
 */
public final class StructuredReportWriter {

    /** Header of the document; {@code predecessorSopInstanceUid} non-null makes it an amendment of that document. */
    public record Header(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
                         String accessionNumber, String patientId, String issuerOfPatientId, String patientName,
                         String contentDate, String contentTime, String completionFlag, String verificationFlag,
                         String predecessorSopInstanceUid) {}

    private StructuredReportWriter() {}

    public static void write(Header h, SrContent.Code title, List<SrContent> content, Path file) throws IOException {
        try {
            AttributeList list = new AttributeList();
            put(list, new CodeStringAttribute(TagFromName.SpecificCharacterSet), "ISO_IR 192");
            put(list, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), h.sopClassUid());
            put(list, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), h.sopInstanceUid());
            put(list, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), h.studyInstanceUid());
            put(list, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), h.seriesInstanceUid());
            put(list, new CodeStringAttribute(TagFromName.Modality), "SR");
            put(list, new ShortStringAttribute(TagFromName.AccessionNumber), h.accessionNumber());
            put(list, new LongStringAttribute(TagFromName.PatientID), h.patientId());
            put(list, new LongStringAttribute(TagFromName.IssuerOfPatientID), h.issuerOfPatientId());
            put(list, new PersonNameAttribute(TagFromName.PatientName), h.patientName());
            put(list, new DateAttribute(TagFromName.StudyDate), h.contentDate());
            put(list, new DateAttribute(TagFromName.ContentDate), h.contentDate());
            put(list, new TimeAttribute(TagFromName.ContentTime), h.contentTime());
            put(list, new CodeStringAttribute(TagFromName.CompletionFlag), h.completionFlag());
            put(list, new CodeStringAttribute(TagFromName.VerificationFlag), h.verificationFlag());
            if (h.predecessorSopInstanceUid() != null) {
                SequenceAttribute pred = new SequenceAttribute(TagFromName.PredecessorDocumentsSequence);
                AttributeList study = new AttributeList();
                put(study, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), h.studyInstanceUid());
                SequenceAttribute series = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
                AttributeList s = new AttributeList();
                put(s, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), h.seriesInstanceUid());
                SequenceAttribute sops = new SequenceAttribute(TagFromName.ReferencedSOPSequence);
                AttributeList sop = new AttributeList();
                put(sop, new UniqueIdentifierAttribute(TagFromName.ReferencedSOPClassUID), h.sopClassUid());
                put(sop, new UniqueIdentifierAttribute(TagFromName.ReferencedSOPInstanceUID), h.predecessorSopInstanceUid());
                sops.addItem(sop);
                s.put(sops);
                series.addItem(s);
                study.put(series);
                pred.addItem(study);
                list.put(pred);
            }
            put(list, new CodeStringAttribute(TagFromName.ValueType), "CONTAINER");
            put(list, new CodeStringAttribute(TagFromName.ContinuityOfContent), "SEPARATE");
            list.put(code(TagFromName.ConceptNameCodeSequence, title));
            list.put(contentSequence(content));
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "RADBRIDGEGEN");
            Files.createDirectories(file.toAbsolutePath().getParent());
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (DicomException e) {
            throw new IOException("cannot write SR " + file + ": " + e.getMessage(), e);
        }
    }

    private static SequenceAttribute contentSequence(List<SrContent> items) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(TagFromName.ContentSequence);
        for (SrContent c : items) {
            AttributeList item = new AttributeList();
            put(item, new CodeStringAttribute(TagFromName.RelationshipType), c.relationship());
            put(item, new CodeStringAttribute(TagFromName.ValueType), c.valueType());
            if (c.name() != null) item.put(code(TagFromName.ConceptNameCodeSequence, c.name()));
            switch (c.valueType()) {
                case "CONTAINER" -> put(item, new CodeStringAttribute(TagFromName.ContinuityOfContent), "SEPARATE");
                case "TEXT" -> put(item, new UnlimitedTextAttribute(TagFromName.TextValue), c.value());
                case "CODE" -> item.put(code(TagFromName.ConceptCodeSequence, c.code()));
                case "NUM" -> {
                    SequenceAttribute mv = new SequenceAttribute(TagFromName.MeasuredValueSequence);
                    AttributeList v = new AttributeList();
                    put(v, new DecimalStringAttribute(TagFromName.NumericValue), c.value());
                    v.put(code(TagFromName.MeasurementUnitsCodeSequence, new SrContent.Code(c.unit(), "UCUM", c.unit())));
                    mv.addItem(v);
                    item.put(mv);
                }
                case "DATETIME" -> put(item, new DateTimeAttribute(TagFromName.DateTime), c.value());
                case "PNAME" -> put(item, new PersonNameAttribute(TagFromName.PersonName), c.value());
                default -> throw new DicomException("value type " + c.valueType() + " is not written by this writer");
            }
            if (!c.children().isEmpty()) item.put(contentSequence(c.children()));
            seq.addItem(item);
        }
        return seq;
    }

    private static SequenceAttribute code(AttributeTag tag, SrContent.Code code) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(tag);
        AttributeList item = new AttributeList();
        put(item, new ShortStringAttribute(TagFromName.CodeValue), code.value());
        put(item, new ShortStringAttribute(TagFromName.CodingSchemeDesignator), code.scheme());
        put(item, new LongStringAttribute(TagFromName.CodeMeaning), code.meaning());
        seq.addItem(item);
        return seq;
    }

    private static void put(AttributeList list, Attribute a, String value) throws DicomException {
        if (value != null) a.addValue(value);
        list.put(a);
    }
}
