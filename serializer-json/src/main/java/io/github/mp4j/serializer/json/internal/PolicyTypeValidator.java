package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Decides polymorphic type ids <em>by name, before anything is loaded</em>: a name the policy refuses throws
 * {@link TypeResolutionFailure} (REFUSED) from {@link #validateSubClassName}; an allowed name is
 * {@link Validity#ALLOWED}. Unlike Jackson's {@code BasicPolymorphicTypeValidator}, it never falls back to loading
 * the class to look at it.
 */
final class PolicyTypeValidator extends PolymorphicTypeValidator.Base {
    private static final long serialVersionUID = 1L;
    private final transient TypeGate gate;

    PolicyTypeValidator(TypeGate gate) {
        this.gate = gate;
    }

    @Override
    public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
        return Validity.INDETERMINATE;
    }

    @Override
    public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
        gate.check(subClassName);
        return Validity.ALLOWED;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        gate.check(subType.getRawClass().getName());
        return Validity.ALLOWED;
    }
}
