package org.radbridge.dicom.write;

/** Storage SOP Class UIDs used by the synthetic writer (PS3.4 Annex B), so callers need no PixelMed import. */
public final class SopClassUids {
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";
    public static final String DX_IMAGE_STORAGE_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    public static final String US_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.6.1";

    /** Explicit VR Little Endian, the transfer syntax every synthetic file is written in. */
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private SopClassUids() {
    }

    /** The image storage SOP class for a modality code (CT, MR, CR, DX, US). */
    public static String forModality(String modality) {
        switch (modality) {
            case "CT": return CT_IMAGE_STORAGE;
            case "MR": return MR_IMAGE_STORAGE;
            case "CR": return CR_IMAGE_STORAGE;
            case "DX": return DX_IMAGE_STORAGE_FOR_PRESENTATION;
            case "US": return US_IMAGE_STORAGE;
            default: throw new IllegalArgumentException("no synthetic SOP class for modality " + modality);
        }
    }
}
