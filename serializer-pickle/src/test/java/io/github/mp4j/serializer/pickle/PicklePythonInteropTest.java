package io.github.mp4j.serializer.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.testkit.SampleValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.example.mp4j.samples.Color;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real CPython processes (pyenv 3.11, 3.12, 3.13, else {@code python3}) exchange objects with a Java
 * {@link Connection} using only {@code multiprocessing.connection}'s {@code send}/{@code recv}, with Java as
 * Listener and as Client, over Unix sockets and TCP: every type of the mapping table and nested structures both
 * ways, 10 MiB bytes both ways, then pickles calling {@code os.system} (which CPython names {@code posix.system}),
 * {@code os.system} by name, {@code builtins.eval} and an instance of a class Java does not know. The Java end
 * allows {@code __main__} (the script's classes) so that the unknown class is a missing type rather than a refused
 * one; the dangerous globals stay refused, and the connection carries the next message after each.
 */
@Timeout(180)
class PicklePythonInteropTest {
    private static final byte[] KEY = "pickle-interop-key".getBytes(StandardCharsets.UTF_8);
    private static final int BIG = 10 * 1024 * 1024;
    private static final List<CPythons.Interpreter> INTERPRETERS = CPythons.find();
    private static final TypePolicy POLICY = TypePolicy.defaults().allowPackages("__main__");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        if (INTERPRETERS.isEmpty()) {
            return Stream.of(Arguments.of(null, "unix"));
        }
        return INTERPRETERS.stream().flatMap(py -> Stream.of(Arguments.of(py, "unix"), Arguments.of(py, "tcp")));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void javaListenerExchangesObjectsWithCPythonClient(CPythons.Interpreter py, String transport) throws Exception {
        String address = transport.equals("unix") ? dir.resolve("java.sock").toString() : "localhost:0";
        try (Listener listener = Listener.bind(address, options());
             PyPeer peer = PyPeer.start(py, script(), "connect", listener.address());
             Connection c = listener.accept()) {
            exchange(c);
            peer.expect("DONE");
            assertThat(peer.exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void javaClientExchangesObjectsWithCPythonListener(CPythons.Interpreter py, String transport) throws Exception {
        String address = transport.equals("unix") ? dir.resolve("py.sock").toString() : "127.0.0.1:0";
        try (PyPeer peer = PyPeer.start(py, script(), "listen", address)) {
            String bound = peer.expect("READY")[1];
            try (Connection c = Client.connect(bound, options())) {
                exchange(c);
            }
            peer.expect("DONE");
            assertThat(peer.exitCode()).isZero();
        }
    }

    private static ConnectionOptions options() {
        return ConnectionOptions.builder().serializer(new PickleSerializer()).typePolicy(POLICY).authkey(KEY).build();
    }

    /** The Java half of {@code pickle_peer.py}'s {@code exchange}. */
    private static void exchange(Connection c) throws Exception {
        Object fromPython = c.recv();
        assertPythonSample(fromPython);
        c.send(fromPython);
        assertThat(c.recv()).isEqualTo("MATCH");

        c.send(javaSample());
        assertThat(c.recv()).isEqualTo(List.of(
                "aware=datetime:datetime.datetime(2026, 12, 1, 20, 30, 5,"
                        + " tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))",
                "big=int:1267650600228229401496703205376",
                "bool=bool:True",
                "bytes=bytes:b'\\x01\\x02'",
                "date=date:datetime.date(2024, 2, 29)",
                "datetime=datetime:datetime.datetime(2026, 12, 1, 20, 30, 5, 123456)",
                "decimal=Decimal:Decimal('12.50')",
                "enum=str:'GREEN'",
                "float=float:2.5",
                "int=int:42",
                "list=list:[1, 2]",
                "long=int:1099511627776",
                "map=dict:{'k': 1}",
                "none=NoneType:None",
                "record=dict:{'id': 42, 'name': 'widget', 'tags': ['a', 'bb', 'ccc'], 'score': 3.25}",
                "set=set:{'s'}",
                "str=str:'h\u00e9llo'",
                "time=time:datetime.time(23, 59, 58)",
                "timedelta=timedelta:datetime.timedelta(days=3, seconds=5, microseconds=7)",
                "tuple=tuple:(1, 'a')",
                "tuple_key_map=dict:{(1, 2): 'pair'}"));

        byte[] theirs = (byte[]) c.recv();
        assertThat(theirs).hasSize(BIG);
        for (int i = 0; i < theirs.length; i += 4099) {
            assertThat(theirs[i] & 0xff).as("byte %d", i).isEqualTo(i % 256);
        }
        byte[] ours = SampleValues.bytes(BIG + 3);
        c.send(ours);
        assertThat(c.recv()).isEqualTo("bytes " + ours.length + " "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ours)));

        assertRefused(c, TypeNotAllowedException.class, "posix.system");
        assertRefused(c, TypeNotAllowedException.class, "os.system");
        assertRefused(c, TypeNotAllowedException.class, "builtins.eval");
        assertRefused(c, MissingTypeException.class, "__main__.Point");
        c.send("bye");
    }

    private static void assertRefused(Connection c, Class<? extends DecodeException> type, String global) throws Exception {
        assertThatThrownBy(c::recv).isExactlyInstanceOf(type).satisfies(e -> {
            String name = e instanceof TypeNotAllowedException ? ((TypeNotAllowedException) e).typeName()
                    : ((MissingTypeException) e).typeName();
            assertThat(name).isEqualTo(global);
            assertThat(((DecodeException) e).payload()[0] & 0xff).isEqualTo(0x80);
        });
        assertThat(c.recv()).isEqualTo("usable after " + global);
    }

    private static void assertPythonSample(Object value) {
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> m = (Map<?, ?>) value;
        assertThat(m.get("dict")).isEqualTo(Map.of("id", 1L, "tags", List.of("a")));
        assertThat(m.get("list")).isInstanceOf(ArrayList.class)
                .isEqualTo(java.util.Arrays.asList(1L, 2.5, "x", null, true, false));
        Object[] tuple = (Object[]) m.get("tuple");
        assertThat(tuple[0]).isEqualTo(1L);
        assertThat(tuple[1]).isEqualTo("two");
        assertThat((Object[]) tuple[2]).containsExactly(3L);
        assertThat(m.get("set")).isInstanceOf(LinkedHashSet.class).isEqualTo(Set.of("p", "q"));
        assertThat(m.get("frozenset")).isEqualTo(Set.of(1L, 2L));
        assertThat(m.get("str")).isEqualTo("h\u00e9llo \u4e2d\u6587 \ud834\udd1e");
        assertThat((byte[]) m.get("bytes")).containsExactly(0, 1, -1);
        assertThat((byte[]) m.get("bytearray")).containsExactly('b', 'a');
        assertThat(m.get("int")).isEqualTo(42L);
        assertThat(m.get("negative")).isEqualTo(-7L);
        assertThat(m.get("big")).isEqualTo(BigInteger.TWO.pow(100));
        assertThat(m.get("float")).isEqualTo(2.5);
        assertThat(m.get("bool")).isEqualTo(true);
        assertThat(m.containsKey("none")).isTrue();
        assertThat(m.get("none")).isNull();
        assertThat(m.get("date")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(m.get("datetime")).isEqualTo(LocalDateTime.of(2026, 12, 1, 20, 30, 5, 123_456_000));
        assertThat(m.get("aware")).isEqualTo(OffsetDateTime.of(2026, 12, 1, 20, 30, 5, 0, ZoneOffset.ofHours(2)));
        assertThat(m.get("time")).isEqualTo(LocalTime.of(23, 59, 58, 999_999_000));
        assertThat(m.get("timedelta")).isEqualTo(Duration.ofDays(3).plusSeconds(5).plusNanos(7_000));
        assertThat(m.get("decimal")).isEqualTo(new BigDecimal("12.50"));
        assertThat(List.copyOf(((Map<?, ?>) m.get("ordered")).keySet())).isEqualTo(List.of("z", "a"));
        Map<?, ?> tupleKeys = (Map<?, ?>) m.get("tuple_keys");
        assertThat(tupleKeys.get(List.of(1L, 2L))).isEqualTo("pair");
        assertThat(tupleKeys.get(Set.of("s"))).isEqualTo("fs");
        Map<?, ?> inner = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) m.get("nested")).get(0)).get("a")).get(0);
        Object[] b = (Object[]) inner.get("b");
        assertThat(b[0]).isEqualTo(1L);
        assertThat(b[1]).isEqualTo(List.of(2L, Map.of("c", Set.of(3L))));
    }

    private static Map<String, Object> javaSample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("map", Map.of("k", 1));
        m.put("list", List.of(1, 2));
        m.put("tuple", new Object[] {1, "a"});
        m.put("set", Set.of("s"));
        m.put("str", "h\u00e9llo");
        m.put("bytes", new byte[] {1, 2});
        m.put("int", 42);
        m.put("long", 1L << 40);
        m.put("big", BigInteger.TWO.pow(100));
        m.put("float", 2.5f);
        m.put("bool", true);
        m.put("none", null);
        m.put("date", LocalDate.of(2024, 2, 29));
        m.put("datetime", LocalDateTime.of(2026, 12, 1, 20, 30, 5, 123_456_000));
        m.put("aware", OffsetDateTime.of(2026, 12, 1, 20, 30, 5, 0, ZoneOffset.ofHours(2)));
        m.put("time", LocalTime.of(23, 59, 58));
        m.put("timedelta", Duration.ofDays(3).plusSeconds(5).plusNanos(7_000));
        m.put("decimal", new BigDecimal("12.50"));
        m.put("record", SampleValues.smallRecord());
        m.put("enum", Color.GREEN);
        m.put("tuple_key_map", Map.of(List.of(1, 2), "pair"));
        return m;
    }

    private Path script() throws IOException {
        Path script = dir.resolve("pickle_peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = PicklePythonInteropTest.class.getResourceAsStream("pickle_peer.py")) {
                Files.copy(in, script);
            }
        }
        return script;
    }

    /** A running {@code pickle_peer.py} whose output lines the test reads. */
    static final class PyPeer implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final List<String> seen = new ArrayList<>();

        private PyPeer(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static PyPeer start(CPythons.Interpreter py, Path script, String mode, String address) throws IOException {
            Assumptions.assumeTrue(py != null, CPythons.NONE_FOUND);
            return new PyPeer(new ProcessBuilder(py.executable().toString(), script.toString(), mode, address,
                    HexFormat.of().formatHex(KEY)).redirectErrorStream(true).start());
        }

        /** Reads lines until one starts with {@code prefix}; returns it split on spaces. */
        String[] expect(String prefix) throws IOException {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line.split(" ");
                }
            }
            throw new AssertionError("python peer ended without printing " + prefix + "; its output:\n"
                    + String.join("\n", seen));
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python peer exits").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
