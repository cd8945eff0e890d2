package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The session page's layout: each word on its own cache line, all inside the mapped page. */
class SessionPageDescriptorTest {

    @Test
    void everyWordSitsOnItsOwnCacheLineInsideThePage() {
        List<Integer> words = List.of(SessionPageDescriptor.RETURNED, SessionPageDescriptor.DONE,
                SessionPageDescriptor.PUTS_WAITING, SessionPageDescriptor.DRAIN_WANTED,
                SessionPageDescriptor.JOIN_WANTED);
        for (int i = 0; i < words.size(); i++) {
            int at = words.get(i);
            assertThat(at % SessionPageDescriptor.CACHE_LINE).as("word %d at %d starts a cache line", i, at).isZero();
            assertThat(at + Long.BYTES).as("word %d at %d ends inside the page", i, at)
                    .isLessThanOrEqualTo(SessionPage.SIZE);
            for (int j = i + 1; j < words.size(); j++) {
                assertThat(Math.abs(words.get(j) - at)).as("words %d and %d", i, j)
                        .isGreaterThanOrEqualTo(SessionPageDescriptor.CACHE_LINE);
            }
        }
        assertThat(SessionPage.SIZE).isEqualTo(5 * 64);
    }
}
