/**
 * Shared test support for mp4j's modules (not published): {@link io.github.mp4j.testkit.SerializerContract},
 * the suite every serializer passes; {@link io.github.mp4j.testkit.SampleValues} and
 * {@link io.github.mp4j.testkit.IsolatedSamples} for its values; and {@link io.github.mp4j.testkit.ChildDecoders},
 * which decodes payloads in a separate JVM whose class path lacks chosen classes.
 */
package io.github.mp4j.testkit;
