package org.radbridge.dicom.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.radbridge.dicom.DicomHeader;

import static org.assertj.core.api.Assertions.assertThat;

/** DICOM JSON to header, by the same rules as the file reader (see DicomPeersTest for the comparison against real files). */
class DicomJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void convertsValuesLikeTheFileReader() throws Exception {
        String json = """
                {"00080018": {"vr": "UI", "Value": ["1.2.3.4"]},
                 "00080008": {"vr": "CS", "Value": ["ORIGINAL", "PRIMARY", "AXIAL"]},
                 "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎"}]},
                 "00180050": {"vr": "DS", "Value": [2.50]},
                 "00200013": {"vr": "IS", "Value": [7]},
                 "00280030": {"vr": "DS", "Value": [0.703125, 0.703125]},
                 "00280010": {"vr": "US", "Value": [512]},
                 "00080020": {"vr": "DA", "Value": ["20240312"]},
                 "00081030": {"vr": "LO"},
                 "00081110": {"vr": "SQ", "Value": [{"00081150": {"vr": "UI", "Value": ["1.2"]}}]},
                 "00091001": {"vr": "LO", "Value": ["private"]},
                 "7FE00010": {"vr": "OW", "BulkDataURI": "http://x/bulk"},
                 "00020010": {"vr": "UI", "Value": ["1.2.840.10008.1.2.1"]}}
                """;
        DicomHeader h = DicomJson.toHeader(JSON.readTree(json));
        assertThat(h.sopInstanceUid()).isEqualTo("1.2.3.4");
        assertThat(h.get("ImageType")).isEqualTo("ORIGINAL\\PRIMARY\\AXIAL");
        assertThat(h.get("PatientName")).isEqualTo("Yamada^Tarou=山田^太郎");
        assertThat(h.get("SliceThickness")).isEqualTo("2.50");
        assertThat(h.getInt("InstanceNumber")).isEqualTo(7);
        assertThat(h.get("PixelSpacing")).isEqualTo("0.703125\\0.703125");
        assertThat(h.get("Rows")).isEqualTo("512");
        assertThat(h.get("StudyDate")).isEqualTo("20240312");
        assertThat(h.get("TransferSyntaxUID")).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(h.asMap()).doesNotContainKeys("StudyDescription", "ReferencedStudySequence", "PixelData")
                .hasSize(9);
    }
}
