package io.github.mp4j.serializer.json;

import static io.github.mp4j.serializer.json.Json.decode;
import static io.github.mp4j.serializer.json.Json.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.DecodeBombs;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The json equivalent of the nested-set decode bomb does not exist: JSON has no references, so every shared set is
 * written out again and the payload grows with the work (2x per level), keeping decoding in proportion to the bytes.
 */
class JsonDecodeBombTest {

    @Test
    @Timeout(60)
    void sharedSetsAreWrittenOutSoThePayloadGrowsWithTheHashingWork() {
        byte[] depth10 = encode(DecodeBombs.nestedHashSets(10));
        byte[] depth11 = encode(DecodeBombs.nestedHashSets(11));
        assertThat((double) depth11.length / depth10.length).isBetween(1.9, 2.1);
        Object back = decode(depth11, TypePolicy.defaults());
        assertThat(back).isInstanceOf(Set.class);
        assertThat((Set<?>) back).hasSize(2);
    }
}
