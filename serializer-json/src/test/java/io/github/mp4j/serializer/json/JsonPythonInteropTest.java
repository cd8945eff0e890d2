package io.github.mp4j.serializer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.testkit.SampleValues;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The machine's CPython reads json payloads with {@code json.loads}. Skipped when there is no python3. */
class JsonPythonInteropTest {
    private static final String READER = String.join("\n",
            "import json, sys",
            "d = json.loads(sys.stdin.buffer.read())",
            "v = d['value']",
            "print(d['@mp4j'], d['type'])",
            "print(v['@class'], v['id'], v['customer']['email'], v['items'][0], v['items'][1][2], v['color'])",
            "");

    @Test
    @Timeout(60)
    void pythonReadsAnOrderWithJsonLoads() throws Exception {
        List<String> lines = runPython(READER, Json.encode(SampleValues.order()));
        assertThat(lines).containsExactly(
                "1 org.example.mp4j.samples.Order",
                "org.example.mp4j.samples.Order 7 ada@example.org java.util.ArrayList jam BLUE");
    }

    /** A non-finite double is wrapped with its type (a bare NaN could be mistaken for another type in Java). */
    @Test
    @Timeout(60)
    void pythonReadsNonAsciiNaNAndNestedMaps() throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("name", "h\u00e9llo \u4e2d\u6587 \ud834\udd1e");
        map.put("nan", Double.NaN);
        map.put("inner", new HashMap<>(Map.of("k", 1)));
        String script = String.join("\n",
                "import json, sys, math",
                "v = json.loads(sys.stdin.buffer.read().decode('utf-8'))['value']",
                "print(v['@class'], v['nan'][0], math.isnan(v['nan'][1]), v['inner']['k'])",
                "sys.stdout.buffer.write(v['name'].encode('utf-8') + b'\\n')",
                "");
        List<String> lines = runPython(script, Json.encode(map));
        assertThat(lines).containsExactly("java.util.HashMap java.lang.Double True 1", "h\u00e9llo \u4e2d\u6587 \ud834\udd1e");
    }

    private static List<String> runPython(String script, byte[] payload) throws IOException, InterruptedException {
        Path python = findPython();
        assumeTrue(python != null, "no python3 on PATH: the interop test needs CPython");
        Path stderr = Files.createTempFile("mp4j-python", ".err");
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", script).redirectError(stderr.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(payload);
            }
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("python3 exited").isTrue();
            assertThat(p.exitValue()).as("python3 exit code; stderr: %s", Files.readString(stderr)).isZero();
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static Path findPython() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
