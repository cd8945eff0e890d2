package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Warm spares: taken by start(), replaced behind, off by default, and never outliving their parent. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WarmSparesTest {
    private static final Duration JOIN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** Writes "name pid parentPid" into the file args[0]. */
    static void describe(Object... args) throws Exception {
        CurrentProcess me = JvmProcess.currentProcess();
        Files.writeString(Path.of((String) args[0]), me.name() + " " + me.pid() + " " + me.parentPid().getAsLong());
    }

    @Test
    void startTakesAReadySpareAndAReplacementIsStartedBehindIt() throws Exception {
        // a configuration of its own (the option), so no other test's spares count
        JvmProcess.Builder builder = JvmProcess.builder(WarmSparesTest::describe).warmSpares(1)
                .jvmOptions("-Dmp4j.test.spares=take").name("spare-taker");
        builder.prestartSpares();
        awaitIdle(builder, 1);
        Path out = dir.resolve("out");
        Instant beforeStart = Instant.now();
        try (JvmProcess p = builder.args(out.toString()).build()) {
            p.start();
            Instant spareStarted = ProcessHandle.of(p.pid()).flatMap(h -> h.info().startInstant()).orElseThrow();
            assertThat(spareStarted).isBefore(beforeStart); // the JVM was running before start() was called
            assertThat(p.join(JOIN)).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(Files.readString(out)).isEqualTo("spare-taker " + p.pid() + " " + ProcessHandle.current().pid());
        }
        awaitIdle(builder, 1); // replaced
    }

    @Test
    void sparesAreOffByDefault() throws Exception {
        JvmProcess.Builder builder = JvmProcess.builder(WarmSparesTest::describe)
                .jvmOptions("-Dmp4j.test.spares=off").args(dir.resolve("o").toString());
        builder.prestartSpares();
        try (JvmProcess p = builder.build()) {
            p.start();
            assertThat(p.join(JOIN)).isTrue();
        }
        assertThat(builder.idleSpares()).isZero();
    }

    /** In a middle JVM: keeps one spare, writes the pids of its children to args[0], and waits. */
    static void keepSpareAndWait(Object... args) throws Exception {
        JvmProcess.Builder builder = JvmProcess.builder(WarmSparesTest::describe).warmSpares(1);
        builder.prestartSpares();
        awaitIdle(builder, 1);
        String pids = ProcessHandle.current().children().map(h -> Long.toString(h.pid()))
                .collect(Collectors.joining(","));
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, pids);
        Files.move(tmp, Path.of((String) args[0]));
        Thread.sleep(600_000);
    }

    @Test
    void aSpareDiesWithItsParentKilledMinus9() throws Exception {
        Path pidsFile = dir.resolve("pids");
        try (JvmProcess middle = JvmProcess.builder(WarmSparesTest::keepSpareAndWait).args(pidsFile.toString())
                .build()) {
            middle.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            while (!Files.exists(pidsFile)) {
                assertThat(System.nanoTime()).as("spare pid written before the deadline").isLessThan(deadline);
                Thread.sleep(50);
            }
            List<Long> spares = List.of(Files.readString(pidsFile).split(",")).stream().map(Long::parseLong)
                    .collect(Collectors.toList());
            assertThat(spares).hasSize(1);
            middle.kill();
            assertThat(middle.join(JOIN)).isTrue();
            assertThat(ProcessAssertions.awaitGone(spares.get(0), 60_000)).isTrue();
        }
    }

    private static void awaitIdle(JvmProcess.Builder builder, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (builder.idleSpares() != count) {
            assertThat(System.nanoTime()).as("%d idle spares before the deadline", count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
