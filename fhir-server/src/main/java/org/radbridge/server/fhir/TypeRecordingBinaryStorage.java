package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.binary.api.StoredDetails;
import ca.uhn.fhir.jpa.binstore.FilesystemBinaryStorageSvcImpl;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IIdType;

import java.io.IOException;
import java.io.InputStream;

/**
 * HAPI's file-system binary store that lists the type of every resource whose content it stores
 * ({@link ExternalizedBinaryTypes}) before storing it. Every content HAPI takes out of a resource goes through
 * {@code storeBinaryContent} with the id of the resource it belongs to (a contained resource's content with the id
 * of the resource that contains it).
 */
public final class TypeRecordingBinaryStorage extends FilesystemBinaryStorageSvcImpl {
    private final ExternalizedBinaryTypes types;

    public TypeRecordingBinaryStorage(String basePath, ExternalizedBinaryTypes types) {
        super(basePath);
        this.types = types;
    }

    @Nonnull
    @Override
    public StoredDetails storeBinaryContent(IIdType resourceId, String blobIdOrNull, String contentType, InputStream input,
                                            RequestDetails request) throws IOException {
        types.record(resourceId.getResourceType());
        return super.storeBinaryContent(resourceId, blobIdOrNull, contentType, input, request);
    }
}
