package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full file system under the socket directory fails the attach that needs a new session page, with an error
 * naming the directory, and the queue goes on serving everyone else. Runs on a 64 KiB tmpfs (skipped where mounting
 * is not permitted). Before, the page was a sparse file that mapped fine and faulted ({@code InternalError}) in the
 * owner's session thread when first touched, and the consumer was not told why.
 */
class SessionPageFullDiskTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void attachOnAFullFileSystemFailsNamingTheDirectoryAndTheQueueServesOthers() throws Exception {
        // Named like a private directory, so the attaching side accepts the socket in it (HandleRules).
        Path tiny = Files.createDirectory(dir.resolve("mp4j-tiny"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", tiny.toString()),
                "mounting a 64 KiB tmpfs is not permitted here");
        try {
            Queue<String> q = QueueFactory.builder().socketDirectory(tiny).build().queue();
            QueueHandle h = ((SimpleQueueView<?>) q).backend().handle();
            Path filler = fill(tiny);

            Queue<String> refused = Attach.remote(q);
            assertThatThrownBy(() -> refused.put("lost")).isExactlyInstanceOf(QueueBrokenException.class)
                    .hasMessageContaining("cannot attach to " + h.address() + ": the owner of ")
                    .hasMessageMatching("(?s).*refused this process: cannot reserve the " + SessionPage.SIZE
                            + "-byte session page q\\d+-s\\d+ in "
                            + Pattern.quote(tiny.toString()) + " \\(is the file system full\\?\\): No space left on"
                            + " device.*");

            Files.delete(filler);
            Queue<String> served = Attach.remote(q);
            served.put("kept");
            assertThat(q.get()).isEqualTo("kept");
            served.close();
        } finally {
            run("umount", "-l", tiny.toString());
        }
    }

    /** Writes a file until the file system is full; returns it. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (;;) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).isEqualTo("No space left on device");
        }
        return filler;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        if (!done || p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + " failed: " + out);
            return false;
        }
        return true;
    }
}
