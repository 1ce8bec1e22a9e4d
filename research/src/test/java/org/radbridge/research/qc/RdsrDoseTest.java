package org.radbridge.research.qc;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CT dose reports of the shared corpus (OpenREM's test files): DLP total and CTDIvol are read. */
class RdsrDoseTest {
    static final Path CORPUS = Path.of(System.getProperty("radbridge.home", "..")).resolve("../shared/dicom-corpus");

    @Test
    void readsTheCorpusCtDoseReports() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "no shared DICOM corpus");
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("openrem_CT-RDSR")).sorted().toList();
        }
        Assumptions.assumeFalse(files.isEmpty(), "no CT RDSR in the corpus");
        int read = 0;
        for (Path f : files) {
            RdsrDose.Dose d = RdsrDose.read(f).orElse(null);
            if (d == null) continue;
            read++;
            System.out.println(f.getFileName() + ": DLP total " + d.dlpTotal() + " mGy.cm, max CTDIvol " + d.maxCtdiVol() + " mGy, " + d.events() + " events");
            assertThat(d.events()).isPositive();
            if (d.dlpTotal() != null) {
                assertThat(d.dlpTotal()).isPositive().isLessThan(new BigDecimal("100000"));
                // independently: the NUM content item coded (DCM, 113813) "CT Dose Length Product Total", found by walking the tree
                BigDecimal walked = dlpTotalByWalking(f);
                assertThat(walked).as(f.getFileName().toString()).isNotNull();
                assertThat(d.dlpTotal()).isEqualByComparingTo(walked);
            }
            if (d.maxCtdiVol() != null) assertThat(d.maxCtdiVol()).isNotNegative().isLessThan(new BigDecimal("1000"));
        }
        assertThat(read).as("CT RDSR files read of " + files.size()).isGreaterThanOrEqualTo(files.size() - 1);
        // a file that is not a dose report gives nothing
        try (Stream<Path> s = Files.walk(CORPUS)) {
            Path mr = s.filter(p -> p.getFileName().toString().equals("dcm4che_MR01.dcm")).findFirst().orElse(null);
            if (mr != null) assertThat(RdsrDose.read(mr)).isEmpty();
        }
    }

    static BigDecimal dlpTotalByWalking(Path f) throws Exception {
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        list.read(f.toString());
        return find(list);
    }

    private static BigDecimal find(com.pixelmed.dicom.AttributeList item) {
        com.pixelmed.dicom.Attribute name = item.get(com.pixelmed.dicom.TagFromName.ConceptNameCodeSequence);
        if (name instanceof com.pixelmed.dicom.SequenceAttribute seq && seq.getNumberOfItems() > 0) {
            com.pixelmed.dicom.AttributeList code = seq.getItem(0).getAttributeList();
            if ("113813".equals(com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(code, com.pixelmed.dicom.TagFromName.CodeValue))) {
                com.pixelmed.dicom.Attribute mv = item.get(com.pixelmed.dicom.TagFromName.MeasuredValueSequence);
                if (mv instanceof com.pixelmed.dicom.SequenceAttribute m && m.getNumberOfItems() > 0) {
                    return new BigDecimal(com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(m.getItem(0).getAttributeList(),
                            com.pixelmed.dicom.TagFromName.NumericValue).trim());
                }
            }
        }
        com.pixelmed.dicom.Attribute content = item.get(com.pixelmed.dicom.TagFromName.ContentSequence);
        if (content instanceof com.pixelmed.dicom.SequenceAttribute seq) {
            for (int i = 0; i < seq.getNumberOfItems(); i++) {
                BigDecimal v = find(seq.getItem(i).getAttributeList());
                if (v != null) return v;
            }
        }
        return null;
    }
}
