/**
 * Sample application types for the serializer contract suite. They live outside {@code io.github.mp4j} on
 * purpose: {@link io.github.mp4j.TypePolicy#defaults()} allows every {@code io.github.mp4j.*} type, and these
 * must behave like a user's own classes (refused until their package is allowed). All are Serializable and
 * plain: records, or classes with a public no-arg constructor and getters/setters.
 */
package org.example.mp4j.samples;
