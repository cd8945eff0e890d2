package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.lang.reflect.Modifier;

/**
 * Judges the types Jackson builds from a <em>declared</em> type, which the payload does not name: default typing
 * writes no {@code @class} for a final class (a field whose type is a final class or an enum), so without this guard
 * an allowed class could carry a refused one that Jackson would build and initialise. Every concrete class or enum
 * Jackson makes a bean or enum deserializer for must pass the mapper's policy; a refused one gets a deserializer that
 * throws the policy's refusal when a value of it is read (and builds nothing). {@code java.lang.Class} is exempt: its
 * value is a class name, which {@link PolicyTypeFactory} judges.
 */
final class DeclaredTypeGuard extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    private final transient TypeGate gate;

    private DeclaredTypeGuard(TypeGate gate) {
        this.gate = gate;
    }

    /** The module that installs the guard for the policy of {@code gate}. */
    static SimpleModule module(TypeGate gate) {
        SimpleModule m = new SimpleModule("mp4j-declared-type-guard");
        m.setDeserializerModifier(new DeclaredTypeGuard(gate));
        return m;
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
                                                  JsonDeserializer<?> deserializer) {
        return guarded(beanDesc.getBeanClass(), deserializer);
    }

    @Override
    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                      BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
        return guarded(type.getRawClass(), deserializer);
    }

    private JsonDeserializer<?> guarded(Class<?> type, JsonDeserializer<?> deserializer) {
        if (type.isInterface() || (Modifier.isAbstract(type.getModifiers()) && !type.isEnum())
                || type == Class.class) {
            return deserializer;
        }
        try {
            gate.check(type.getName());
            return deserializer;
        } catch (TypeResolutionFailure refused) {
            TypeGate.forgetLastFailure();
            return new Refusing(type);
        }
    }

    /** Throws the policy's refusal instead of reading a value. */
    private final class Refusing extends StdDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        Refusing(Class<?> type) {
            super(type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            gate.check(handledType().getName());
            throw new IllegalStateException("the policy allowed " + handledType().getName() + " after refusing it");
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeser) {
            return deserialize(p, ctxt);
        }
    }
}
