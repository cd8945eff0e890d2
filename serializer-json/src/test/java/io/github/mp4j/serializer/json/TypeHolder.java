package io.github.mp4j.serializer.json;

/** A test record with a {@code Class}-valued component: Jackson loads the class it names from the payload. */
public record TypeHolder(Class<?> type) {
}
