package org.radbridge.research.export;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * TABLE/part-00000.parquet, one row group per 128 MB, Snappy-compressed, written straight to the local file system
 * (parquet's LocalOutputFile: no Hadoop file system). Types follow the PostgreSQL declaration: integer INT32, bigint
 * INT64, numeric(p,s) DECIMAL(p,s), unconstrained numeric DOUBLE (as DuckDB's and Spark's PostgreSQL readers map it),
 * date DATE, timestamp TIMESTAMP(MICROS, not adjusted to UTC), text and varchar STRING; a nullable column is OPTIONAL.
 */
final class ParquetTableWriter implements TableWriter {
    private final ParquetWriter<ResultSet> writer;

    ParquetTableWriter(OmopTable table, Path file) throws IOException {
        MessageType schema = schema(table);
        this.writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, table.columns()))
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withCodecFactory(new SnappyPages())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    static MessageType schema(OmopTable table) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (OmopColumn c : table.columns()) b.addField(field(c));
        return b.named(table.name());
    }

    private static Type field(OmopColumn c) {
        Type.Repetition r = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (c.type()) {
            case "integer" -> Types.primitive(PrimitiveTypeName.INT32, r).named(c.name());
            case "smallint" -> Types.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.intType(16, true)).named(c.name());
            case "bigint" -> Types.primitive(PrimitiveTypeName.INT64, r).named(c.name());
            case "real" -> Types.primitive(PrimitiveTypeName.FLOAT, r).named(c.name());
            case "double precision" -> Types.primitive(PrimitiveTypeName.DOUBLE, r).named(c.name());
            case "boolean" -> Types.primitive(PrimitiveTypeName.BOOLEAN, r).named(c.name());
            case "date" -> Types.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.dateType()).named(c.name());
            case "timestamp without time zone" -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
            case "timestamp with time zone" -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
            case "numeric" -> c.precision() == null ? Types.primitive(PrimitiveTypeName.DOUBLE, r).named(c.name())
                    : c.precision() <= 9 ? Types.primitive(PrimitiveTypeName.INT32, r)
                            .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(c.name())
                    : c.precision() <= 18 ? Types.primitive(PrimitiveTypeName.INT64, r)
                            .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(c.name())
                    : Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, r).length(decimalBytes(c.precision()))
                            .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(c.name());
            default -> Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(c.name());
        };
    }

    /** Bytes a two's-complement unscaled value of the precision needs (Parquet's rule for FIXED_LEN_BYTE_ARRAY decimals). */
    private static int decimalBytes(int precision) {
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }

    @Override
    public void write(ResultSet row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<ResultSet, Builder> {
        private final WriteSupport<ResultSet> support;

        Builder(OutputFile file, WriteSupport<ResultSet> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ResultSet> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<ResultSet> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Hands the current row of the result set to Parquet's record consumer, column by column in schema order. */
    private static final class RowWriteSupport extends WriteSupport<ResultSet> {
        private final MessageType schema;
        private final List<OmopColumn> columns;
        private RecordConsumer out;

        RowWriteSupport(MessageType schema, List<OmopColumn> columns) {
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(ResultSet row) {
            try {
                out.startMessage();
                for (int i = 0; i < columns.size(); i++) {
                    OmopColumn c = columns.get(i);
                    Object v = value(row, i + 1, c);
                    if (v == null) continue;
                    out.startField(c.name(), i);
                    add(v, c, schema.getType(i));
                    out.endField(c.name(), i);
                }
                out.endMessage();
            } catch (SQLException e) {
                throw new IllegalStateException("reading a row of " + schema.getName() + ": " + e.getMessage(), e);
            }
        }

        private static Object value(ResultSet rs, int i, OmopColumn c) throws SQLException {
            Object v = switch (c.type()) {
                case "date" -> rs.getObject(i, LocalDate.class);
                case "timestamp without time zone" -> rs.getObject(i, LocalDateTime.class);
                case "timestamp with time zone" -> rs.getObject(i, OffsetDateTime.class);
                case "numeric" -> rs.getBigDecimal(i);
                case "text", "character varying", "character" -> rs.getString(i);
                default -> rs.getObject(i);
            };
            return rs.wasNull() ? null : v;
        }

        private void add(Object v, OmopColumn c, Type t) {
            PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
            if (v instanceof LocalDate d) out.addInteger((int) d.toEpochDay());
            else if (v instanceof LocalDateTime dt) out.addLong(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), dt));
            else if (v instanceof OffsetDateTime odt) out.addLong(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, odt.toInstant()));
            else if (v instanceof BigDecimal n) {
                if (c.precision() == null) out.addDouble(n.doubleValue());
                else {
                    BigInteger unscaled = n.setScale(c.scale(), RoundingMode.UNNECESSARY).unscaledValue();
                    if (p == PrimitiveTypeName.INT32) out.addInteger(unscaled.intValueExact());
                    else if (p == PrimitiveTypeName.INT64) out.addLong(unscaled.longValueExact());
                    else out.addBinary(Binary.fromConstantByteArray(fixed(unscaled, t.asPrimitiveType().getTypeLength())));
                }
            } else if (p == PrimitiveTypeName.INT32) out.addInteger(((Number) v).intValue());
            else if (p == PrimitiveTypeName.INT64) out.addLong(((Number) v).longValue());
            else if (p == PrimitiveTypeName.DOUBLE) out.addDouble(((Number) v).doubleValue());
            else if (p == PrimitiveTypeName.FLOAT) out.addFloat(((Number) v).floatValue());
            else if (p == PrimitiveTypeName.BOOLEAN) out.addBoolean((Boolean) v);
            else out.addBinary(Binary.fromString(v.toString()));
        }

        /** Sign-extends a two's-complement value to the fixed length. */
        private static byte[] fixed(BigInteger v, int length) {
            byte[] raw = v.toByteArray();
            byte[] out = new byte[length];
            byte pad = (byte) (v.signum() < 0 ? 0xFF : 0);
            java.util.Arrays.fill(out, 0, length - raw.length, pad);
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
            return out;
        }
    }
}
