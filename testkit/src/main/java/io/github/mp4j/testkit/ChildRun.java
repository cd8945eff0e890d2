package io.github.mp4j.testkit;

import io.github.mp4j.MissingTypeException;
import io.github.mp4j.TypeNotAllowedException;
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

    /** The line this child writes when {@code serializer} cannot find {@code typeName} in it. */
    public String missingTypeLine(String serializer, String typeName) {
        return "ERR MissingTypeException "
                + new MissingTypeException(serializer, typeName, processId, null, null).getMessage();
    }

    /** The line a child writes when its policy refuses {@code typeName}. */
    public static String typeNotAllowedLine(String serializer, String typeName) {
        return "ERR TypeNotAllowedException " + new TypeNotAllowedException(serializer, typeName, null).getMessage();
    }
}
