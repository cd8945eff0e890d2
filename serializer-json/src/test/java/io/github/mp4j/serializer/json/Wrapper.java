package io.github.mp4j.serializer.json;

import org.example.mp4j.samples.SmallRecord;

/** A test record whose component has a final declared type, so the payload does not name that type. */
public record Wrapper(String label, SmallRecord inner) {
}
