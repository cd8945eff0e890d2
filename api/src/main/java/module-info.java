/**
 * mp4j's user-facing contract: {@link io.github.mp4j.Connection}, the queues, {@link io.github.mp4j.TypePolicy},
 * the exceptions, and the {@link io.github.mp4j.spi.Serializer} service interface.
 */
@SuppressWarnings("module") // the modules named in the qualified export are built after this one
module io.github.mp4j {
    requires jdk.jfr;
    exports io.github.mp4j;
    exports io.github.mp4j.spi;
    // This process's pid@host for messages and handles, and whether JFR runs: mp4j's own modules only, not the SPI.
    exports io.github.mp4j.internal to io.github.mp4j.pipe, io.github.mp4j.process, io.github.mp4j.queue,
            io.github.mp4j.queue.redis;

    uses io.github.mp4j.spi.Serializer;
}
