package org.radbridge.staging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The header JSON written by hand parses back, with a JSON parser, to the header it was written from. */
class StagingJsonTest {
    @Test
    void headerJsonRoundTripsThroughAJsonParser() throws Exception {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("PatientName", "O\"Brien^Zoë^^Dr.");
        header.put("ImageType", "ORIGINAL\\PRIMARY\\AXIAL");
        header.put("AdditionalPatientHistory", "line one\nline two\r\n\tindented \u0001 bell");
        header.put("InstitutionName", "中心医院 / Москва");
        header.put("StudyDescription", "padded with NUL\u0000");
        header.put("Empty", "");
        String json = StagingRepository.json(header);
        Map<String, String> back = new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() { });
        Map<String, String> expected = new LinkedHashMap<>(header);
        expected.put("StudyDescription", "padded with NUL"); // PostgreSQL text cannot hold NUL: dropped
        assertThat(back).containsExactlyEntriesOf(expected);
        assertThat(json).doesNotContain("\u0000").doesNotContain("\n");
    }
}
