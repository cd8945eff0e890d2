package io.github.mp4j.examples.loganalyzer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file as blocks of whole lines: each block holds about {@code blockSize} bytes and ends just after a
 * {@code '\n'} (the last block may end without one). The bytes past the last newline of a read move to the front of
 * the next block. This is all the parent of the parallel versions does with the data.
 */
public final class BlockReader implements Closeable {
    private final InputStream in;
    private final int blockSize;
    private byte[] carry = new byte[0];
    private boolean eof;

    /** Opens {@code file} for blocks of about {@code blockSize} bytes. */
    public BlockReader(Path file, int blockSize) throws IOException {
        this.in = Files.newInputStream(file);
        this.blockSize = blockSize;
    }

    /** The next block (a new exact-size array), or null at the end of the file. */
    public byte[] next() throws IOException {
        if (eof && carry.length == 0) {
            return null;
        }
        byte[] buf = Arrays.copyOf(carry, Math.max(blockSize, carry.length * 2));
        int n = carry.length;
        while (!eof && n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                eof = true;
            } else {
                n += r;
            }
        }
        int cut = n;
        if (!eof) {
            while (cut > 0 && buf[cut - 1] != '\n') {
                cut--;
            }
            if (cut == 0) {
                // a line longer than the block: read on into a block twice the size
                carry = Arrays.copyOf(buf, n);
                return next();
            }
        }
        carry = Arrays.copyOfRange(buf, cut, n);
        return cut == buf.length ? buf : Arrays.copyOf(buf, cut);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
