package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.Queue;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared session page: an owner-only file, unlinked once attached, whose counters both mappings see; a peer
 * that writes impossible counts into it loses only its own connection.
 */
@Timeout(60)
class SessionPageTest {
    @TempDir
    Path dir;

    @Test
    void pageFileIsOwnerOnlyAndItsNameIsGoneOnceTheProcessAttached() throws Exception {
        Path path = dir.resolve("q1.s1");
        SessionPage.create(path);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(Files.size(path)).isEqualTo(SessionPage.SIZE);
        SessionPage.attach(path);
        assertThat(path).doesNotExist();
    }

    @Test
    void countersWrittenThroughOneMappingAreReadThroughTheOther() throws Exception {
        Path path = dir.resolve("q1.s2");
        SessionPage owner = SessionPage.create(path);
        SessionPage process = SessionPage.attach(path);
        assertThat(owner.returned()).isZero();
        assertThat(owner.done()).isZero();
        assertThat(process.putsWaiting()).isFalse();

        process.returned(41);
        process.done(40);
        owner.putsWaiting(true);
        assertThat(owner.returned()).isEqualTo(41);
        assertThat(owner.done()).isEqualTo(40);
        assertThat(process.putsWaiting()).isTrue();
        owner.putsWaiting(false);
        assertThat(process.putsWaiting()).isFalse();
    }

    @Test
    void creatingOverAnExistingFileFailsAndAttachingToAFileOfTheWrongSizeIsRefused() throws Exception {
        Path existing = Files.writeString(dir.resolve("q1.s3"), "not a page");
        assertThatThrownBy(() -> SessionPage.create(existing)).isExactlyInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> SessionPage.attach(existing)).isExactlyInstanceOf(IOException.class)
                .hasMessage("session page " + existing + " is 10 bytes, expected " + SessionPage.SIZE);
        assertThat(existing).exists();
    }

    @Test
    void peerClaimingItReturnedItemsNeverSentIsDisconnectedAndOthersKeepTheirItems() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        Queue<String> honest = Attach.remote(q);
        q.put("kept");
        QueueHandle h = ((SimpleQueueView<?>) q).backend().handle();
        try (Connection liar = QueueAttacher.connect(io.github.mp4j.pipe.ConnectionOptions.builder()
                .authkey(h.authkey()).build(), h, "test")) {
            liar.sendBytes(Wire.textMessage(Wire.HELLO, h.queueId(), "1@liar"));
            byte[] first = liar.recvBytes();
            assertThat(Wire.op(first)).isEqualTo(Wire.PAGE);
            SessionPage page = SessionPage.attach(Path.of(Wire.text(first)));
            page.returned(5);
            liar.sendBytes(Wire.message(Wire.READ_PAGE, 0));
            assertThatThrownBy(liar::recvBytes).isInstanceOf(EOFException.class);
        }
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(honest.get()).isEqualTo("kept");
        assertThat(q.qsize()).isZero();
        honest.close();
    }
}
