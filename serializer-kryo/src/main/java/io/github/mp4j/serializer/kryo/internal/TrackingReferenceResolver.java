package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.util.MapReferenceResolver;

/**
 * Kryo's identity-map reference resolver that also tells which read id was handed out last, so a serializer that
 * builds its result from a temporary (immutable collections) can make later references point at the result.
 */
public final class TrackingReferenceResolver extends MapReferenceResolver {
    /** The id of the object whose read started most recently, or -1 if none. */
    int lastReadId() {
        return readObjects.size() - 1;
    }
}
