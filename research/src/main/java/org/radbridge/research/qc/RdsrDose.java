package org.radbridge.research.qc;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dose.CTDose;
import com.pixelmed.dose.CTDoseAcquisition;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CT dose from an X-Ray Radiation Dose SR (TID 10011 CT Radiation Dose): DLP total (mGy.cm) and the highest CTDIvol
 * (mGy) of its irradiation events, read with PixelMed's CTDose. Staging keeps only the top-level attributes of an SR,
 * so the file itself (staging's file_path) is read.
 */
public final class RdsrDose {
    /** SOP Class UID of X-Ray Radiation Dose SR Storage. */
    public static final String XRAY_RDSR_CLASS = "1.2.840.10008.5.1.4.1.1.88.67";

    public record Dose(BigDecimal dlpTotal, BigDecimal maxCtdiVol, int events) {}

    private RdsrDose() {}

    /** Empty when the file is gone, not readable or not a CT dose report. */
    public static Optional<Dose> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) return Optional.empty();
        try {
            AttributeList list = new AttributeList();
            list.read(file.toString());
            CTDose dose = new CTDose(list);
            BigDecimal dlp = number(dose.getDLPTotal());
            BigDecimal max = null;
            for (int i = 0; i < dose.getNumberOfAcquisitions(); i++) {
                CTDoseAcquisition a = dose.getAcquisition(i);
                BigDecimal v = a == null ? null : number(a.getCTDIvol());
                if (v != null && (max == null || v.compareTo(max) > 0)) max = v;
            }
            if (dlp == null && max == null) return Optional.empty();
            return Optional.of(new Dose(dlp, max, dose.getNumberOfAcquisitions()));
        } catch (IOException | DicomException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static BigDecimal number(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
