package io.github.mp4j.testkit;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link ChildDecoder} in a separate JVM ({@code java} from {@code java.home}) with this JVM's class
 * path minus chosen classes, feeds it payloads and collects what it reports.
 */
public final class ChildDecoders {
    private static final long TIMEOUT_SECONDS = 90;

    private ChildDecoders() {
    }

    /**
     * Runs a child that decodes {@code payloads} with the serializer {@code serializerName}.
     *
     * @param serializerName the serializer the child looks up with {@code Serializers.byName}
     * @param allowedPackages packages the child's policy allows beyond {@code TypePolicy.defaults()}
     * @param removedClasses classes absent from the child's class path
     * @param payloads the payloads, sent in order
     * @throws IllegalStateException if the child does not finish within 90 seconds or reports malformed output
     */
    public static ChildRun run(String serializerName, List<String> allowedPackages, Set<Class<?>> removedClasses,
                               List<byte[]> payloads) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("mp4j-child-classpath");
        try {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xshare:auto");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-XX:+UseSerialGC");
            command.add("-cp");
            command.add(String.join(File.pathSeparator, ClassPaths.without(scratch, removedClasses)));
            command.add(ChildDecoder.class.getName());
            command.add(serializerName);
            command.addAll(allowedPackages);
            Path stderr = scratch.resolve("stderr.txt");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            try {
                return collect(process, payloads, stderr);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            ClassPaths.deleteTree(scratch);
        }
    }

    private static ChildRun collect(Process process, List<byte[]> payloads, Path stderr)
            throws IOException, InterruptedException {
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(process.getOutputStream(), payloads));
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child decoder did not exit within " + TIMEOUT_SECONDS + " s; stdout: "
                    + lines + "; stderr: " + Files.readString(stderr));
        }
        String errors = Files.readString(stderr);
        if (lines.size() != payloads.size() + 2 || !lines.get(0).startsWith("READY ")
                || !lines.get(lines.size() - 1).startsWith("DONE hostileInitialised=")) {
            throw new IllegalStateException("child decoder exited with " + process.exitValue() + " and reported "
                    + lines + " for " + payloads.size() + " payloads; stderr: " + errors);
        }
        writer.join();
        String done = lines.get(lines.size() - 1);
        return new ChildRun(lines.get(0).substring("READY ".length()), List.copyOf(lines.subList(1, lines.size() - 1)),
                Boolean.parseBoolean(done.substring("DONE hostileInitialised=".length())), process.exitValue(),
                errors);
    }

    private static void write(OutputStream stdin, List<byte[]> payloads) {
        try (DataOutputStream out = new DataOutputStream(stdin)) {
            for (byte[] payload : payloads) {
                out.writeInt(payload.length);
                out.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write payloads to the child decoder", e);
        }
    }
}
