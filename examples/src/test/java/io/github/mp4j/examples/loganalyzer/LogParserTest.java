package io.github.mp4j.examples.loganalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser's fields, its malformed lines, and blocks cut at newlines. */
class LogParserTest {
    private static final String A = "10.0.0.1 - - [01/Dec/2026:10:15:42 +0000] \"GET /a HTTP/1.1\" 200 100 \"-\" \"x\"\n";
    private static final String B = "10.0.0.2 - - [01/Dec/2026:10:15:59 +0000] \"POST /b HTTP/1.1\" 304 - \"-\" \"x\"\n";
    private static final String C = "10.0.0.3 - - [01/Dec/2026:10:16:00 +0000] \"GET /a HTTP/1.1\" 404 7\n";

    @Test
    void countsStatusesBytesPerPathAndMinutesAndCountsBrokenLinesAsMalformed() {
        LogStats s = new LogStats();
        byte[] block = (A + B + "garbage\n" + "x [01/Dec/2026:10:16:00 +0000] \"GET /a HTTP/1.1\" 2x0 5\n" + C)
                .getBytes(StandardCharsets.US_ASCII);
        new LogParser(s).parse(block, 0, block.length - 1); // the last line without its '\n'
        String report = s.report();
        assertThat(report).startsWith("lines: 5 (malformed: 2)\nstatus 200: 1\nstatus 304: 1\nstatus 404: 1\n"
                + "bytes /a: 107\nbytes /b: 0\nminutes: 2\nfirst minute: 01/Dec/2026:10:15 2\n"
                + "busy minute: 01/Dec/2026:10:15 2\nbusy minute: 01/Dec/2026:10:16 1\nminutes sha256: ");
    }

    @Test
    void mergedPartsEqualTheWholeAndSurviveTheMapForm() {
        byte[] all = (A + B + C).getBytes(StandardCharsets.US_ASCII);
        LogStats whole = new LogStats();
        new LogParser(whole).parse(all, 0, all.length);
        LogStats first = new LogStats();
        new LogParser(first).parse(all, 0, A.length());
        LogStats rest = new LogStats();
        new LogParser(rest).parse(all, A.length(), all.length - A.length());
        LogStats merged = new LogStats();
        merged.merge(LogStats.fromMap(first.toMap()));
        merged.merge(LogStats.fromMap(rest.toMap()));
        assertThat(merged.report()).isEqualTo(whole.report());
    }

    @Test
    void blockReaderCutsAfterNewlinesAndDoublesTheBlockForALineLongerThanIt(@TempDir Path dir) throws Exception {
        String longLine = "y".repeat(50) + "\n";
        Path f = dir.resolve("f");
        Files.writeString(f, "ab\ncd\n" + longLine + "ef", StandardCharsets.US_ASCII);
        List<String> blocks = new ArrayList<>();
        try (BlockReader r = new BlockReader(f, 8)) {
            for (byte[] b = r.next(); b != null; b = r.next()) {
                blocks.add(new String(b, StandardCharsets.US_ASCII));
            }
        }
        // the long line needs a block of 64 bytes, which then also holds the unterminated last line
        assertThat(blocks).containsExactly("ab\ncd\n", longLine + "ef");
    }
}
