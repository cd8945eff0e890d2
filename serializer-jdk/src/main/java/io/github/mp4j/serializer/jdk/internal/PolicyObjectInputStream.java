package io.github.mp4j.serializer.jdk.internal;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.jdk.DecodeLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

/**
 * An {@link ObjectInputStream} that asks the {@link TypePolicy} about every class name before loading it,
 * loads classes without initialising them (thread context class loader first, then a fallback loader), and
 * records the first refused and the first missing type so the caller can report them. One per decode.
 */
final class PolicyObjectInputStream extends ObjectInputStream {
    private final TypePolicy policy;
    private final ClassLoader fallback;
    private final LimitFilter filter;
    private String refusedType;
    private String missingType;

    PolicyObjectInputStream(InputStream in, TypePolicy policy, ClassLoader fallback, DecodeLimits limits,
                            int payloadLength) throws IOException {
        super(in);
        this.policy = policy;
        this.fallback = fallback;
        this.filter = new LimitFilter(limits, payloadLength);
        setObjectInputFilter(filter);
    }

    /** The first type the policy refused (element type for arrays), or null. */
    String refusedType() {
        return refusedType;
    }

    /** The first type that could not be found (element type for arrays), or null. */
    String missingType() {
        return missingType;
    }

    /** The first decode limit that was exceeded, or null. */
    String limitViolation() {
        return filter.violation();
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        return load(desc.getName());
    }

    @Override
    @SuppressWarnings("deprecation") // Proxy.getProxyClass is what ObjectInputStream itself uses.
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
        Class<?>[] types = new Class<?>[interfaces.length];
        ClassLoader nonPublicLoader = null;
        for (int i = 0; i < interfaces.length; i++) {
            types[i] = load(interfaces[i]);
            if (!Modifier.isPublic(types[i].getModifiers())) {
                ClassLoader own = types[i].getClassLoader();
                if (nonPublicLoader != null && nonPublicLoader != own) {
                    throw new InvalidClassException(interfaces[i],
                            "non-public proxy interfaces come from different class loaders");
                }
                nonPublicLoader = own;
            }
        }
        try {
            return Proxy.getProxyClass(nonPublicLoader != null ? nonPublicLoader : loader(), types);
        } catch (IllegalArgumentException e) {
            throw new ClassNotFoundException(String.join(", ", interfaces), e);
        }
    }

    private Class<?> load(String name) throws IOException, ClassNotFoundException {
        if (refusedType != null) {
            throw new InvalidClassException(name, "decoding aborted: type " + refusedType + " was refused");
        }
        Class<?> primitive = TypeNames.primitive(name);
        if (primitive != null) {
            return primitive;
        }
        if (!policy.isAllowed(name)) {
            refusedType = TypeNames.elementName(name);
            throw new InvalidClassException(name, "refused by " + policy);
        }
        ClassLoader first = loader();
        try {
            return Class.forName(name, false, first);
        } catch (ClassNotFoundException e) {
            if (first != fallback) {
                try {
                    return Class.forName(name, false, fallback);
                } catch (ClassNotFoundException ignored) {
                    // Reported below with the first loader's exception.
                }
            }
            if (missingType == null) {
                missingType = TypeNames.elementName(name);
            }
            throw e;
        }
    }

    private ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : fallback;
    }
}
