package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.SerializationException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JvmProcessTest {
    @TempDir
    Path dir;

    @Test
    void targetThatReturnsExitsWithZero() throws Exception {
        try (JvmProcess p = new JvmProcess(args -> { })) {
            p.start();
            p.join();
            assertThat(p.isAlive()).isFalse();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
    }

    @Test
    void systemExitInTargetBecomesTheExitCode() throws Exception {
        try (JvmProcess p = new JvmProcess(args -> System.exit(3))) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(3));
        }
    }

    @Test
    void uncaughtExceptionExitsWithOneAndLogsTheStackTraceToStderr() throws Exception {
        Path err = dir.resolve("err.txt");
        try (JvmProcess p = JvmProcess.builder(args -> {
            throw new IllegalStateException("boom " + args[0]);
        }).args("x").name("failing").redirectError(Redirect.to(err.toFile())).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(1));
        }
        String text = Files.readString(err);
        assertThat(text).contains("SEVERE: failing (pid ")
                .contains("): uncaught exception in target")
                .contains("; exiting with code 1")
                .contains("java.lang.IllegalStateException: boom x")
                .contains("\tat io.github.mp4j.process.JvmProcessTest.");
    }

    @Test
    void classTargetIsInstantiatedInTheChildAndGetsTheArgs() throws Exception {
        Path out = dir.resolve("out.txt");
        try (JvmProcess p = JvmProcess.builder(Targets.PrintArgs.class).args("a", 42, List.of(1, 2))
                .redirectOutput(Redirect.to(out.toFile())).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
        assertThat(Files.readString(out)).isEqualTo("a,42,[1, 2]" + System.lineSeparator());
    }

    @Test
    void lambdaTargetGetsItsCapturedValuesAndTheArgs() throws Exception {
        Path out = dir.resolve("out.txt");
        String captured = "captured";
        try (JvmProcess p = JvmProcess.builder(args -> System.out.println(captured + ":" + args[0] + ":" + args[1]))
                .args("first", 2.5).redirectOutput(Redirect.to(out.toFile())).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
        assertThat(Files.readString(out)).isEqualTo("captured:first:2.5" + System.lineSeparator());
    }

    @Test
    void childRunsInAThreadNamedAfterTheProcessWithAnEmptyStdin() throws Exception {
        try (JvmProcess p = JvmProcess.builder(Targets.DescribeSelf.class).name("worker-7")
                .redirectOutput(Redirect.PIPE).build()) {
            p.start();
            assertThat(firstLine(p)).isEqualTo("worker-7 stdin=-1");
            p.join();
        }
    }

    @Test
    void terminateEndsTheChildWithExitCode143() throws Exception {
        try (JvmProcess p = ready(JvmProcess.builder(Targets.ReadyThenSleep.class))) {
            p.terminate();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(143));
        }
    }

    @Test
    void killEndsTheChildWithExitCode137() throws Exception {
        try (JvmProcess p = ready(JvmProcess.builder(Targets.ReadyThenSleep.class))) {
            p.kill();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(137));
        }
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileTheChildRuns() throws Exception {
        try (JvmProcess p = new JvmProcess(new Targets.SleepForever())) {
            p.start();
            assertThat(p.join(Duration.ofMillis(200))).isFalse();
            assertThat(p.join(Duration.ofSeconds(-5))).isFalse();
            assertThat(p.isAlive()).isTrue();
            assertThat(p.exitCode()).isEmpty();
            p.kill();
            assertThat(p.join(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void startingTwiceIsRefused() throws Exception {
        try (JvmProcess p = new JvmProcess(args -> { })) {
            p.start();
            assertThatThrownBy(p::start).isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("process already started: JvmProcess[name=" + p.name() + ", pid="
                            + p.pid());
            p.join();
        }
    }

    @Test
    void unstartedProcessHasNoPidAndCannotBeJoinedOrSignalled() {
        JvmProcess p = JvmProcess.builder(args -> { }).name("idle").build();
        String message = "process not started: idle; call start() first";
        assertThatThrownBy(p::pid).isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(p::join).isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(p::terminate).isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(p::kill).isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitCode()).isEmpty();
        assertThat(p).hasToString("JvmProcess[name=idle, initial]");
    }

    @Test
    void closedProcessCannotBeStarted() {
        JvmProcess p = JvmProcess.builder(args -> { }).name("closed-one").daemon(true).build();
        p.close();
        p.close();
        assertThatThrownBy(p::start).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("process is closed and cannot be started: JvmProcess[name=closed-one, initial, daemon]");
    }

    @Test
    void closeTerminatesARunningChildAndIsIdempotent() throws Exception {
        JvmProcess p = ready(JvmProcess.builder(Targets.ReadyThenSleep.class));
        p.close();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(143));
        p.close();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(143));
    }

    @Test
    void nonSerializableArgumentFailsStartWithoutStartingAChild() {
        JvmProcess p = JvmProcess.builder(args -> { }).name("bad-args").args(new Object()).build();
        assertThatThrownBy(p::start).isExactlyInstanceOf(SerializationException.class)
                .hasMessage("cannot start bad-args: its target and arguments must be JDK-serializable"
                        + " (java.io.Serializable), but java.io.NotSerializableException: java.lang.Object");
        assertThat(p.isAlive()).isFalse();
        assertThatThrownBy(p::pid).isExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void targetClassWithoutPublicNoArgConstructorIsRefused() {
        assertThatThrownBy(() -> JvmProcess.builder(Targets.NeedsArgument.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("target class io.github.mp4j.process.Targets$NeedsArgument has no public no-arg"
                        + " constructor; add one, or pass a serializable lambda instead");
    }

    @Test
    void defaultNamesCountUpAndDaemonDefaultsToFalse() {
        JvmProcess first = new JvmProcess(args -> { });
        JvmProcess second = new JvmProcess(args -> { });
        int n = Integer.parseInt(first.name().substring("JvmProcess-".length()));
        assertThat(second.name()).isEqualTo("JvmProcess-" + (n + 1));
        assertThat(first.isDaemon()).isFalse();
        assertThat(JvmProcess.builder(args -> { }).daemon(true).build().isDaemon()).isTrue();
    }

    @Test
    void badJvmOptionEndsTheChildWithTheLaunchersExitCode() throws Exception {
        Path err = dir.resolve("err.txt");
        try (JvmProcess p = JvmProcess.builder(args -> { }).jvmOptions("-XX:+NoSuchOptionForMp4j")
                .redirectError(Redirect.to(err.toFile())).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(1));
        }
        assertThat(Files.readString(err)).contains("Unrecognized VM option 'NoSuchOptionForMp4j'");
    }

    @Test
    void jvmOptionsReachTheChild() throws Exception {
        try (JvmProcess p = JvmProcess.builder(args -> System.out.println(System.getProperty("mp4j.test.flag")))
                .jvmOptions("-Dmp4j.test.flag=on").redirectOutput(Redirect.PIPE).build()) {
            p.start();
            assertThat(firstLine(p)).isEqualTo("on");
            p.join();
        }
    }

    private static JvmProcess ready(JvmProcess.Builder builder) throws Exception {
        JvmProcess p = builder.redirectOutput(Redirect.PIPE).build();
        p.start();
        assertThat(firstLine(p)).isEqualTo("ready");
        return p;
    }

    static String firstLine(JvmProcess p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8)).readLine();
    }
}
