package io.github.mp4j.pool.internal;

import java.util.List;

/** A finished chunk of a map: its results, or what failed it. */
record Outcome(List<?> results, RuntimeException error) {
}
