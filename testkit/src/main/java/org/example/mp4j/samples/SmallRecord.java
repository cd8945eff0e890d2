package org.example.mp4j.samples;

import java.io.Serializable;
import java.util.List;

/** The benchmark's small record: an id, a name, a few tags and a score. */
public record SmallRecord(int id, String name, List<String> tags, double score) implements Serializable {
}
