package io.github.mp4j.benchmarks;

import java.io.Serializable;
import java.util.List;

/**
 * The small payload of every benchmark: the Java twin of the Python script's
 * {@code {'id': i, 'name': 'item-<i>', 'tags': ['a', 'b'], 'score': 1.5}}.
 *
 * @param id the item number
 * @param name {@code "item-" + id}
 * @param tags always {@code ["a", "b"]}
 * @param score always {@code 1.5}
 */
public record SmallRecord(int id, String name, List<String> tags, double score) implements Serializable {

    /** A fresh record for item {@code i}, built as the Python script builds its dict (a new list each time). */
    public static SmallRecord of(int i) {
        return new SmallRecord(i, "item-" + i, List.of("a", "b"), 1.5);
    }
}
