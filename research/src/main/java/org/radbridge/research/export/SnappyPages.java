package org.radbridge.research.export;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;

/**
 * Snappy page compression straight through snappy-java. Parquet's own codec factory goes through Hadoop's codec
 * classes (and Hadoop's Configuration with its XML parser); writing files needs none of that, so neither does the
 * export. Parquet's SNAPPY pages are raw Snappy blocks, which is what {@link Snappy#compress(byte[])} makes.
 */
public final class SnappyPages implements CompressionCodecFactory {
    private static final BytesInputCompressor COMPRESSOR = new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(Snappy.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {
        }
    };

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY) throw new IllegalArgumentException("only Snappy pages are written: " + codec);
        return COMPRESSOR;
    }

    private static final BytesInputDecompressor DECOMPRESSOR = new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] out = new byte[uncompressedSize];
            Snappy.uncompress(bytes.toByteArray(), 0, (int) bytes.size(), out, 0);
            return BytesInput.from(out);
        }

        @Override
        public void decompress(java.nio.ByteBuffer input, int compressedSize, java.nio.ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(Snappy.uncompress(in));
        }

        @Override
        public void release() {
        }
    };

    /** Also reads them back (the tests do, without Hadoop too). */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec == CompressionCodecName.UNCOMPRESSED) return null;
        if (codec != CompressionCodecName.SNAPPY) throw new IllegalArgumentException("only Snappy pages are read: " + codec);
        return DECOMPRESSOR;
    }

    @Override
    public void release() {
    }
}
