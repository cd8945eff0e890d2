package io.github.mp4j.spi.fakes;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;

/**
 * Runs one lookup in a fresh JVM and prints {@code <serializer found> created <providers created>} and whether the
 * instance found is the one {@link Serializers#installed()} lists. Args: {@code byName <name>} or {@code default}.
 */
public final class LookupMain {
    private LookupMain() {
    }

    /** @param args the lookup */
    public static void main(String[] args) {
        Serializer found = args[0].equals("default") ? Serializers.defaultSerializer() : Serializers.byName(args[1]);
        String created = String.join(",", CountingSerializer.CREATED);
        boolean same = Serializers.installed().stream().anyMatch(s -> s == found);
        System.out.println(found.name() + " created " + created + " same " + same);
    }
}
