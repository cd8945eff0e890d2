/**
 * The {@code "json"} mp4j serializer (Jackson databind 2.x): see
 * {@link io.github.mp4j.serializer.json.JsonSerializer}.
 */
module io.github.mp4j.serializer.json {
    requires transitive io.github.mp4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;

    exports io.github.mp4j.serializer.json;

    provides io.github.mp4j.spi.Serializer with io.github.mp4j.serializer.json.JsonSerializer;
}
