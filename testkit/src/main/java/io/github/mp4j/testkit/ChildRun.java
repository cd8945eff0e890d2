package io.github.mp4j.testkit;

import java.util.List;

/**
 * What a {@link ChildDecoder} child reported.
 *
 * @param processId the child's {@code pid@host}
 * @param lines one {@code OK ...} or {@code ERR ...} line per payload, in order
 * @param hostileInitialised whether {@code Hostile}'s static initialiser ran in the child
 * @param exitCode the child's exit code
 * @param stderr what the child wrote to stderr
 */
public record ChildRun(String processId, List<String> lines, boolean hostileInitialised, int exitCode,
                       String stderr) {
}
