/** A consumer of mp4j on the module path. */
module com.example.modular {
    requires io.github.mp4j.queue;

    exports com.example.modular;
}
