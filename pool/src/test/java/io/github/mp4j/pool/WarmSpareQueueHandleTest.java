package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm spare reads a queue handle back once while it waits, so a taken spare whose argument is a queue does not
 * build the JDK's record-deserialization method handles for it before its first message (a ten-component record:
 * the bound method handle species of eleven references, {@code Species_LLLLLLLLLLL}, is loaded for them). Checked on
 * the spare's own {@code -Xlog:class+load} file: the classes it loaded between being idle and its first put.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WarmSpareQueueHandleTest {
    @TempDir
    Path dir;

    /** Puts "first" on the queue args[0]. */
    @SuppressWarnings("unchecked")
    static void putFirst(Object... args) throws InterruptedException {
        ((Queue<String>) args[0]).put("first");
    }

    @Test
    void aTakenSpareReadsAQueueHandleWithoutBuildingItsRecordDeserializer() throws Exception {
        JvmProcess.Builder builder = JvmProcess.builder(WarmSpareQueueHandleTest::putFirst).warmSpares(1)
                .jvmOptions("-Xlog:class+load:file=" + dir.resolve("classes-%p.log"));
        builder.prestartSpares();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (builder.idleSpares() != 1) {
            assertThat(System.nanoTime()).as("a warmed-up idle spare before the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
        Path spareLog = onlyLog();
        List<String> whenIdle = Files.readAllLines(spareLog);
        assertThat(whenIdle).as("classes the spare loaded while it waited")
                .anyMatch(line -> line.contains(" java.lang.invoke.BoundMethodHandle$Species_LLLLLLLLLLL "));
        try (Queue<String> q = QueueFactory.builder().serializer("jdk").build().queue();
                JvmProcess p = builder.args(q).build()) {
            p.start();
            assertThat(q.get(Duration.ofSeconds(120))).isEqualTo("first");
            List<String> loadedAfterTaken = Files.readAllLines(spareLog).stream().skip(whenIdle.size())
                    .collect(Collectors.toList());
            assertThat(p.join(Duration.ofSeconds(120))).isTrue();
            assertThat(loadedAfterTaken).as("classes the taken spare loaded before its first put")
                    .anyMatch(line -> line.contains(" io.github.mp4j.queue.internal.remote.OwnerLink"))
                    .noneMatch(line -> line.contains(" java.lang.invoke.BoundMethodHandle$Species_LLLLLLLLLLL "));
        }
    }

    private Path onlyLog() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().startsWith("classes-"))
                    .collect(Collectors.toList());
            assertThat(logs).as("class-load logs of the one spare").hasSize(1);
            return logs.get(0);
        }
    }
}
