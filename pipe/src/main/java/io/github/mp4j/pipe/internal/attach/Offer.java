package io.github.mp4j.pipe.internal.attach;

/**
 * One object this JVM offers to other processes: its kind (which {@link AttachHandler} serves it), the object, and
 * whether the offer ends at the first attach (a pipe end, used by one process at a time) or stays until withdrawn
 * (a queue, which every process may attach), and the transport this side wants for attached connections.
 */
record Offer(String kind, Object target, boolean once, io.github.mp4j.pipe.Transport transport) {
}
