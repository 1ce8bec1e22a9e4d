package ca.uhn.fhir.parser;

import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.radbridge.server.fhir.DirectJsonWriter;

import java.io.IOException;
import java.io.Writer;

/**
 * HAPI's JSON parser whose compact encoding of a resource goes through {@link DirectJsonWriter} instead of HAPI's
 * Jackson writer; parsing, pretty printing and the encoding of single elements are HAPI's. It lives in HAPI's package
 * because the only hook for the writer, {@code doEncodeResourceToWriter}, takes HAPI's package-private encode context.
 */
public final class DirectWriteJsonParser extends JsonParser {
    private boolean pretty;

    private DirectWriteJsonParser(JsonParser hapis) {
        super(hapis.getContext(), hapis.getErrorHandler());
    }

    /** The parser HAPI built ({@code FhirContext.newJsonParser()}), with its context and error handler, writing directly. */
    public static IParser of(IParser hapis) {
        return hapis.getClass() == JsonParser.class ? new DirectWriteJsonParser((JsonParser) hapis) : hapis;
    }

    @Override
    public IParser setPrettyPrint(boolean prettyPrint) {
        pretty = prettyPrint;
        return super.setPrettyPrint(prettyPrint);
    }

    @Override
    protected void doEncodeResourceToWriter(IBaseResource resource, Writer writer, EncodeContext context) throws IOException {
        if (pretty) {
            super.doEncodeResourceToWriter(resource, writer, context);
            return;
        }
        BaseJsonLikeWriter out = new DirectJsonWriter(writer);
        doEncodeResourceToJsonLikeWriter(resource, out, context);
        out.close();
    }
}
