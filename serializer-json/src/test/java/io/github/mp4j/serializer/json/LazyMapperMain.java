package io.github.mp4j.serializer.json;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** A child JVM for {@link LazyMapperTest}: installs the serializers, and with argument {@code encode} encodes once. */
public final class LazyMapperMain {
    private LazyMapperMain() {
    }

    public static void main(String[] args) throws IOException {
        Serializer json = Serializers.byName("json");
        if (args.length > 0 && args[0].equals("encode")) {
            json.encode("x", new ByteArrayOutputStream());
        }
        System.out.println("ok " + json.name());
    }
}
