package org.radbridge.server.fhir;

import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The compact (not pretty-printed) JSON of HAPI's {@code JacksonWriter}, written straight to Jackson's generator.
 * HAPI's writer hands every value to {@code JsonGenerator.writeObject}; its generator carries HAPI's ObjectMapper, so
 * each value goes through {@code ObjectMapper.writeValue}: a serializer provider built and a serializer looked up per
 * value, and then, under Jackson's default {@code FLUSH_AFTER_WRITE_VALUE}, a flush of the generator and of the
 * writer under it (for a server response, the servlet response's writer and its encoder). The serializers it finds
 * for String, BigDecimal, BigInteger, Long, Double and Boolean each make the one generator call made here, so the
 * characters are the same; only the lookups and the flushes between them are gone. Pretty printing stays HAPI's.
 */
public final class DirectJsonWriter extends BaseJsonLikeWriter {
    /** No codec, so nothing goes through databind; the target is the caller's to close, as with HAPI's writer. */
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JsonGenerator out;

    public DirectJsonWriter(Writer writer) throws IOException {
        out = FACTORY.createGenerator(writer);
        setWriter(writer);
    }

    @Override
    public BaseJsonLikeWriter init() {
        if (isPrettyPrint()) throw new IllegalStateException("DirectJsonWriter writes compact JSON only");
        return this;
    }

    @Override
    public BaseJsonLikeWriter flush() {
        return this;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    @Override
    public BaseJsonLikeWriter beginObject() throws IOException {
        out.writeStartObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter beginObject(String name) throws IOException {
        out.writeFieldName(name);
        out.writeStartObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter beginArray(String name) throws IOException {
        out.writeFieldName(name);
        out.writeStartArray();
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String value) throws IOException {
        if (value == null) out.writeNull();
        else out.writeString(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(BigInteger value) throws IOException {
        if (value == null) out.writeNull();
        else out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(BigDecimal value) throws IOException {
        if (value == null) out.writeNull();
        else out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(long value) throws IOException {
        out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(double value) throws IOException {
        out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(Boolean value) throws IOException {
        if (value == null) out.writeNull();
        else out.writeBoolean(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(boolean value) throws IOException {
        out.writeBoolean(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter writeNull() throws IOException {
        out.writeNull();
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, String value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, BigInteger value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, BigDecimal value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, long value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, double value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, Boolean value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, boolean value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter endObject() throws IOException {
        out.writeEndObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter endArray() throws IOException {
        out.writeEndArray();
        return this;
    }

    @Override
    public BaseJsonLikeWriter endBlock() throws IOException {
        out.writeEndObject();
        return this;
    }
}
