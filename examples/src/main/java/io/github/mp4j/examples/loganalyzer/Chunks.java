package io.github.mp4j.examples.loganalyzer;

/** What the parallel versions hand their workers for each block of about {@link LogAnalyzer#BLOCK} bytes. */
public enum Chunks {
    /**
     * The block's bytes travel through the queue: the parent reads the file, the workers never open it. What a
     * program must do when the workers cannot read the data themselves (another host, a stream, a pipe).
     */
    BYTES,
    /**
     * Only the block's file range ({@code long[] {start, end}}, cut at newlines) travels; each worker reads its
     * ranges from the file itself. What a program on one host does with data that is already in a file: the bytes
     * cross no queue, and the parent's share of the work is a few seeks.
     */
    RANGES;

    /** The lower-case name the CPython script takes as its mode argument. */
    public String pythonMode() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
