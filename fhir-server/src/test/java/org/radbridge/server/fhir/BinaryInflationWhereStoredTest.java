package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HAPI's scan for stored content is asked to skip exactly the batches whose types have none in the store. */
class BinaryInflationWhereStoredTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final String KEY = BinaryStorageInterceptor.AUTO_INFLATE_BINARY_CONTENT_KEY;

    @TempDir
    Path dir;

    private BinaryInflationWhereStored check() throws Exception {
        ExternalizedBinaryTypes types = ExternalizedBinaryTypes.of(dir);
        types.record("DiagnosticReport");
        return new BinaryInflationWhereStored(CTX, types);
    }

    private static SimplePreResourceShowDetails shown(IBaseResource... resources) {
        return new SimplePreResourceShowDetails(List.of(resources));
    }

    @Test
    void studiesAndPatientsAreShownWithoutTheScan() throws Exception {
        ServletRequestDetails request = new ServletRequestDetails();
        check().preShow(shown(new ImagingStudy(), new Patient()), request);
        assertThat(request.getUserData().get(KEY)).isEqualTo(Boolean.FALSE);
    }

    @Test
    void aBatchWithAReportIsScannedAlsoAfterABatchThatWasNot() throws Exception {
        BinaryInflationWhereStored check = check();
        ServletRequestDetails request = new ServletRequestDetails();
        check.preShow(shown(new DiagnosticReport()), request);
        assertThat(request.getUserData()).doesNotContainKey(KEY);
        // a request shows its resources in more than one batch (e.g. the included ones): each batch decides for itself
        check.preShow(shown(new ImagingStudy()), request);
        assertThat(request.getUserData().get(KEY)).isEqualTo(Boolean.FALSE);
        check.preShow(shown(new ImagingStudy(), new DiagnosticReport()), request);
        assertThat(request.getUserData()).doesNotContainKey(KEY);
    }

    @Test
    void aFlagSetByOthersIsLeftAsItIs() throws Exception {
        ServletRequestDetails request = new ServletRequestDetails();
        request.getUserData().put(KEY, Boolean.TRUE);
        check().preShow(shown(new ImagingStudy()), request);
        assertThat(request.getUserData().get(KEY)).isEqualTo(Boolean.TRUE);
        check().preShow(shown(new ImagingStudy()), null);
    }
}
