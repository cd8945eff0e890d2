package io.github.mp4j.process;

import static io.github.mp4j.process.ProcessAssertions.awaitGone;
import static io.github.mp4j.process.ProcessAssertions.isRunning;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What happens to children when their parent JVM exits or dies; the parent is a {@link MiddleMain} process. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ParentExitTest {
    @TempDir
    Path dir;
    private Process middle;
    private long childPid = -1;

    @AfterEach
    void cleanUp() {
        if (middle != null) {
            middle.destroyForcibly();
        }
        if (childPid > 0) {
            ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void daemonChildIsTerminatedBeforeTheParentFinishesExiting() throws Exception {
        BufferedReader out = startMiddle("daemon");
        childPid = pidFrom(out);
        assertThat(middle.waitFor()).isZero();
        assertThat(isRunning(childPid)).as("daemon child %d still running after its parent exited", childPid)
                .isFalse();
    }

    @Test
    void parentExitWaitsForANonDaemonChildToFinish() throws Exception {
        Path file = dir.resolve("written-by-child.txt");
        BufferedReader out = startMiddle("non-daemon", file.toString());
        childPid = pidFrom(out);
        assertThat(middle.waitFor()).isZero();
        assertThat(file).hasContent("done");
        assertThat(isRunning(childPid)).isFalse();
    }

    @Test
    void childExitsSoonAfterItsParentIsKilledWithSigkill() throws Exception {
        BufferedReader out = startMiddle("orphan");
        List<String> lines = new ArrayList<>();
        while (lines.size() < 2) {
            lines.add(out.readLine());
        }
        assertThat(lines).contains("ready");
        childPid = lines.stream().filter(l -> l.startsWith("pid ")).mapToLong(l -> Long.parseLong(l.substring(4)))
                .findFirst().orElseThrow();
        assertThat(isRunning(childPid)).isTrue();
        middle.destroyForcibly();
        assertThat(middle.waitFor()).isEqualTo(137);
        assertThat(awaitGone(childPid, 10_000)).as("child %d still running 10 s after its parent was killed",
                childPid).isTrue();
        // Which signal the child notices first depends on timing: stdin EOF, the parent gone at watch start, onExit.
        assertThat(Files.readString(dir.resolve("middle-err.txt"))).containsPattern("WARNING: JvmProcess-1: parent"
                + " process " + middle.pid() + " (closed its end of our stdin|is not running|exited); exiting with code 1");
    }

    private BufferedReader startMiddle(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MiddleMain.class.getName()));
        command.addAll(List.of(args));
        middle = new ProcessBuilder(command).redirectError(Redirect.to(dir.resolve("middle-err.txt").toFile())).start();
        return new BufferedReader(new InputStreamReader(middle.getInputStream(), StandardCharsets.UTF_8));
    }

    private static long pidFrom(BufferedReader out) throws Exception {
        String line = out.readLine();
        assertThat(line).startsWith("pid ");
        return Long.parseLong(line.substring(4));
    }
}
