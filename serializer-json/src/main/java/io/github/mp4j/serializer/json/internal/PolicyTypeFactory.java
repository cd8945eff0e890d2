package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;
import com.fasterxml.jackson.databind.type.TypeParser;
import com.fasterxml.jackson.databind.util.ArrayBuilders;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.LookupCache;

/**
 * A Jackson {@link TypeFactory} whose every lookup of a class by name goes through a {@link TypeGate}: the policy
 * judges the name before loading, and classes are loaded without initialisation. This covers the places Jackson
 * loads classes by name that a {@code PolymorphicTypeValidator} never sees: type parameters inside a generic type
 * id ({@code java.util.ArrayList<com.x.Y>}) and {@code Class}-valued fields.
 *
 * <p>{@link #withModifier} keeps the gate; the other {@code with...} copies of the base class would silently drop
 * it, so they are refused.
 */
final class PolicyTypeFactory extends TypeFactory {
    private static final long serialVersionUID = 1L;
    private final transient TypeGate gate;

    PolicyTypeFactory(TypeGate gate) {
        this(gate, null);
    }

    private PolicyTypeFactory(TypeGate gate, TypeModifier[] modifiers) {
        super(null, new TypeParser(TypeFactory.defaultInstance()), modifiers, null);
        this.gate = gate;
    }

    @Override
    protected Class<?> classForName(String name, boolean initialize, ClassLoader loader) {
        return gate.load(name, loader);
    }

    @Override
    protected Class<?> classForName(String name) {
        return gate.load(name, null);
    }

    /** A copy with {@code mod} added (Jackson modules such as jdk8 call this when registered); keeps the gate. */
    @Override
    public TypeFactory withModifier(TypeModifier mod) {
        if (mod == null) {
            return new PolicyTypeFactory(gate, null);
        }
        if (_modifiers == null) {
            return new PolicyTypeFactory(gate, new TypeModifier[] {mod});
        }
        return new PolicyTypeFactory(gate, ArrayBuilders.insertInListNoDup(_modifiers, mod));
    }

    @Override
    public TypeFactory withClassLoader(ClassLoader classLoader) {
        throw refuseCopy("withClassLoader");
    }

    /** Refused like the non-deprecated overload (overridden so the gate cannot be dropped through it). */
    @Deprecated
    @Override
    public TypeFactory withCache(LRUMap<Object, JavaType> cache) {
        throw refuseCopy("withCache");
    }

    @Override
    public TypeFactory withCache(LookupCache<Object, JavaType> cache) {
        throw refuseCopy("withCache");
    }

    private static UnsupportedOperationException refuseCopy(String method) {
        return new UnsupportedOperationException("TypeFactory." + method + " would drop the mp4j type policy"
                + " check; the json serializer's ObjectMapper does not support Jackson modules that call it");
    }
}
