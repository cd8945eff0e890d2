package io.github.mp4j.serializer.kryo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityWeightsTest {
    @Test
    void findsEveryObjectByIdentityPastTheSmallArraysAndForgetsThemAtClear() {
        IdentityWeights w = new IdentityWeights();
        Object[] objects = new Object[20];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = new String("same"); // equal, never identical
            w.put(objects[i], i + 1);
        }
        for (int i = 0; i < objects.length; i++) {
            assertThat(w.get(objects[i])).as("object %d", i).isEqualTo(i + 1);
        }
        assertThat(w.get("same")).isZero();
        w.clear();
        for (Object o : objects) {
            assertThat(w.get(o)).isZero();
        }
        w.put(objects[3], 7);
        assertThat(w.get(objects[3])).isEqualTo(7);
    }
}
