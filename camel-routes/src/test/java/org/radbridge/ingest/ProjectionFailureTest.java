package org.radbridge.ingest;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionFailureTest {
    @Test
    void contentRefusalsAreDataProblems() {
        assertThat(ProjectionFailure.classify(new PreconditionFailedException("HAPI-2207: Multiple resources match"))).isEqualTo(ProjectionFailure.DATA);
        assertThat(ProjectionFailure.classify(new InvalidRequestException("HAPI-0539: Invalid conditional URL"))).isEqualTo(ProjectionFailure.DATA);
        assertThat(ProjectionFailure.classify(new UnprocessableEntityException("bad"))).isEqualTo(ProjectionFailure.DATA);
        assertThat(ProjectionFailure.classify(new SQLException("value too long for type character varying(64)", "22001")))
                .isEqualTo(ProjectionFailure.DATA);
        assertThat(ProjectionFailure.classify(new RuntimeException(new SQLException("invalid byte sequence", "22021"))))
                .isEqualTo(ProjectionFailure.DATA);
    }

    @Test
    void outagesAndTheUnknownAreRetried() {
        assertThat(ProjectionFailure.classify(new SQLException("connection refused", "08001"))).isEqualTo(ProjectionFailure.OUTAGE);
        assertThat(ProjectionFailure.classify(new SQLException("relation does not exist", "42P01"))).isEqualTo(ProjectionFailure.OUTAGE);
        assertThat(ProjectionFailure.classify(new ResourceVersionConflictException("two writers"))).isEqualTo(ProjectionFailure.OUTAGE);
        assertThat(ProjectionFailure.classify(new InternalErrorException("down"))).isEqualTo(ProjectionFailure.OUTAGE);
        assertThat(ProjectionFailure.classify(new IllegalStateException("FHIR server unavailable"))).isEqualTo(ProjectionFailure.OUTAGE);
    }

    @Test
    void theDescriptionIsOneLine() {
        String d = ProjectionFailure.describe(new IllegalStateException("wrapper", new SQLException("line one\nline two", "22001")));
        assertThat(d).isEqualTo("SQLException: line one line two");
    }
}
