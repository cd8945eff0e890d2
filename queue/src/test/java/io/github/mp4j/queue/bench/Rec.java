package io.github.mp4j.queue.bench;

import java.io.Serializable;
import java.util.List;

/** The benchmark's small record, as in shared/bench/py_mp_bench.py. */
public record Rec(int id, String name, List<String> tags, double score) implements Serializable {
    static Rec of(int i) {
        return new Rec(i, "item-" + i, List.of("a", "b"), 1.5);
    }
}
