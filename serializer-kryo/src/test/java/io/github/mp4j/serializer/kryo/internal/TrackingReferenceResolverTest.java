package io.github.mp4j.serializer.kryo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.kryo.KryoSerializer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings travel as values, not as tracked references; other objects keep Kryo's reference tracking. */
class TrackingReferenceResolverTest {
    @Test
    void stringsAreNotTrackedButCollectionsAndRecordsAre() {
        TrackingReferenceResolver r = new TrackingReferenceResolver();
        assertThat(r.useReferences(String.class)).isFalse();
        assertThat(r.useReferences(ArrayList.class)).isTrue();
        assertThat(r.useReferences(Integer.class)).isFalse();
    }

    @Test
    void aListRepeatingOneStringInstanceStillDecodesEqualAndSharedListsStayShared() throws Exception {
        KryoSerializer k = new KryoSerializer();
        String line = "x".repeat(100);
        List<String> inner = new ArrayList<>(List.of(line, line, "y"));
        List<Object> outer = new ArrayList<>(List.of(inner, inner, line));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        k.encode(outer, out, TypePolicy.defaults());
        byte[] payload = out.toByteArray();
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) k.decode(payload, 0, payload.length, TypePolicy.defaults());
        assertThat(back).isEqualTo(outer);
        assertThat(back.get(0)).isSameAs(back.get(1));
    }
}
