package io.github.mp4j.examples.loganalyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranges cover the file exactly, each ends after a newline, and reading one gives back its bytes. */
class FileRangesTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("log.txt");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        return f;
    }

    @Test
    void rangesEndAfterNewlinesAndCoverTheFileExactly() throws IOException {
        Path f = file("aaaa\nbb\ncccccc\nd\neeeeeeeeee\n");
        List<long[]> ranges = FileRanges.of(f, 6);
        assertThat(ranges).extracting(r -> r[0] + ".." + r[1])
                .containsExactly("0..8", "8..15", "15..28");
    }

    @Test
    void aLineLongerThanTheBlockMakesItsRangeLongerAndAFinalLineWithoutNewlineIsKept() throws IOException {
        String longLine = "x".repeat(10_000);
        Path f = file("a\n" + longLine + "\nlast-without-newline");
        List<long[]> ranges = FileRanges.of(f, 4);
        assertThat(ranges).extracting(r -> r[0] + ".." + r[1])
                .containsExactly("0..10003", "10003..10023");
    }

    @Test
    void anEmptyFileHasNoRanges() throws IOException {
        assertThat(FileRanges.of(file(""), 1024)).isEmpty();
    }

    @Test
    void readGivesTheRangesBytesAndGrowsTheBufferOnlyWhenTooSmall() throws IOException {
        Path f = file("hello\nworld, again\n");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            byte[] small = new byte[4];
            byte[] got = FileRanges.read(ch, new long[] {6, 19}, small);
            assertThat(got).isNotSameAs(small);
            assertThat(new String(got, 0, 13, StandardCharsets.ISO_8859_1)).isEqualTo("world, again\n");
            byte[] big = new byte[64];
            assertThat(FileRanges.read(ch, new long[] {0, 6}, big)).isSameAs(big);
            assertThat(new String(big, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("hello\n");
        }
    }

    @Test
    void aRangePastTheEndOfATruncatedFileIsAClearError() throws IOException {
        Path f = file("short\n");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> FileRanges.read(ch, new long[] {0, 100}, new byte[8]))
                    .isInstanceOf(IOException.class)
                    .hasMessage("file ended inside range 0..100 at 6; was it truncated while being analyzed?");
        }
    }
}
