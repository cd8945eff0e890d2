/**
 * mp4j's user-facing contract: {@link io.github.mp4j.Connection}, the queues, {@link io.github.mp4j.TypePolicy},
 * the exceptions, and the {@link io.github.mp4j.spi.Serializer} service interface.
 */
module io.github.mp4j {
    requires jdk.jfr;
    exports io.github.mp4j;
    exports io.github.mp4j.spi;

    uses io.github.mp4j.spi.Serializer;
}
