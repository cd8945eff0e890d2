package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.util.MapReferenceResolver;

/**
 * Kryo's identity-map reference resolver that also tells which read id was handed out last, so a serializer that
 * builds its result from a temporary (immutable collections) can make later references point at the result.
 *
 * <p>Strings are written as values, never as references: they are immutable, so a back-reference saves bytes only
 * when the very same instance repeats, while tracking every string costs an identity-map insert per string on both
 * ends (the top of the profile of a {@code List<String>} of 10,000 lines). Both ends use this resolver, so they agree.
 */
public final class TrackingReferenceResolver extends MapReferenceResolver {
    /** The id of the object whose read started most recently, or -1 if none. */
    int lastReadId() {
        return readObjects.size() - 1;
    }

    /** Kryo's rule (not for primitive wrappers and enums), and not for strings. */
    @Override
    public boolean useReferences(Class type) {
        return type != String.class && super.useReferences(type);
    }
}
