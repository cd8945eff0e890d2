package io.github.mp4j.pipe.internal.ring;

/**
 * Layout of a shared ring file: where every word lives, after Agrona's {@code RingBufferDescriptor}. All offsets
 * are bytes from the start of the file; words are in native byte order (both ends run on one host).
 *
 * <pre>
 *  file:  +--------------------+--------------------------------+--------------------------------+
 *         | file header (256)  | ring 0: creator -&gt; opener      | ring 1: opener -&gt; creator      |
 *         +--------------------+--------------------------------+--------------------------------+
 *
 *  file header:
 *     0  int  MAGIC ("MP4R")
 *     4  int  VERSION
 *     8  int  capacity of each ring's data area (a power of two)
 *    12  int  OPENER_MAPPED: 1 once the opening end has mapped the file (the creator may unlink it then)
 *    .. padding to 256
 *
 *  ring (DESCRIPTOR_LENGTH + capacity bytes):
 *     0  long tail            } producer's cache line: written only by the producer
 *     8  int  producerParked  }   (1 = the producer waits for space and wants a doorbell byte)
 *    12  int  producerClosed  }   (1 = the producer closed its end cleanly: no more bytes will come)
 *    .. padding to 128        (two cache lines, so adjacent-line prefetch does not share them either)
 *   128  long head            } consumer's cache line: written only by the consumer
 *   136  int  consumerParked  }   (1 = the consumer waits for bytes and wants a doorbell byte)
 *   140  int  consumerClosed  }   (1 = the consumer closed its end: writes fail)
 *    .. padding to 256
 *   256  data: capacity bytes; byte number n of the stream lives at data + (n &amp; (capacity - 1))
 * </pre>
 *
 * <p>{@code tail} and {@code head} count bytes since the ring was created and never wrap (2^63 bytes is out of
 * reach); {@code tail - head} is the number of bytes readable, always in {@code [0, capacity]}.
 */
public final class RingDescriptor {
    /** {@code "MP4R"} in ASCII. */
    public static final int MAGIC = 0x4D503452;
    /** Layout version; both ends must agree. */
    public static final int VERSION = 1;

    /** Offset of {@link #MAGIC} in the file header. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version in the file header. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the ring capacity in the file header. */
    public static final int CAPACITY_OFFSET = 8;
    /** Offset of the word the opening end sets once it mapped the file. */
    public static final int OPENER_MAPPED_OFFSET = 12;
    /** Length of the file header. */
    public static final int FILE_HEADER_LENGTH = 256;

    /** Offset of the producer's byte counter in a ring descriptor. */
    public static final int TAIL_OFFSET = 0;
    /** Offset of the producer's park word. */
    public static final int PRODUCER_PARKED_OFFSET = 8;
    /** Offset of the producer's clean-close word. */
    public static final int PRODUCER_CLOSED_OFFSET = 12;
    /** Offset of the consumer's byte counter, two cache lines after the producer's. */
    public static final int HEAD_OFFSET = 128;
    /** Offset of the consumer's park word. */
    public static final int CONSUMER_PARKED_OFFSET = 136;
    /** Offset of the consumer's close word. */
    public static final int CONSUMER_CLOSED_OFFSET = 140;
    /** Length of a ring descriptor; the data area follows it. */
    public static final int DESCRIPTOR_LENGTH = 256;

    /** Smallest ring capacity accepted. */
    public static final int MIN_CAPACITY = 4096;
    /** Largest ring capacity accepted (two rings and the header must fit one mapping). */
    public static final int MAX_CAPACITY = 1 << 29;
    /** Default ring capacity: 1 MiB per direction. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private RingDescriptor() {
    }

    /** Offset of ring {@code index} (0 or 1) in a file whose rings hold {@code capacity} bytes each. */
    public static int ringOffset(int index, int capacity) {
        return FILE_HEADER_LENGTH + index * (DESCRIPTOR_LENGTH + capacity);
    }

    /** Size of a file whose two rings hold {@code capacity} bytes each. */
    public static long fileLength(int capacity) {
        return FILE_HEADER_LENGTH + 2L * (DESCRIPTOR_LENGTH + capacity);
    }

    /**
     * Checks that {@code capacity} is a power of two in {@code [MIN_CAPACITY, MAX_CAPACITY]}.
     *
     * @throws IllegalArgumentException naming the value when it is not
     */
    public static int checkCapacity(int capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is not a power of two in ["
                    + MIN_CAPACITY + ", " + MAX_CAPACITY + "]");
        }
        return capacity;
    }
}
