package io.github.mp4j.benchmarks.jmh;

import java.io.ByteArrayOutputStream;

/** A {@link ByteArrayOutputStream} whose buffer can be read without a copy, reused across operations. */
final class ReusableOutput extends ByteArrayOutputStream {
    ReusableOutput() {
        super(256);
    }

    /** The internal buffer; the first {@link #size()} bytes are the content. */
    byte[] buffer() {
        return buf;
    }
}
