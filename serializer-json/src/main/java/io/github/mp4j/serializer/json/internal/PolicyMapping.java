package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.mp4j.TypePolicy;

/**
 * One Jackson {@link ObjectMapper} configured for mp4j and bound to one {@link TypePolicy}.
 *
 * <p>The mapper is bound to a policy (rather than reading the policy from a thread-local) because Jackson caches
 * the deserializer it found for a type id inside the mapper: with one mapper shared by several policies, an id
 * allowed once would skip the check for every later policy.
 */
final class PolicyMapping {
    private final TypeGate gate;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    PolicyMapping(TypePolicy policy) {
        this.gate = new TypeGate(policy);
        PolicyTypeValidator validator = new PolicyTypeValidator(gate);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .typeFactory(new PolicyTypeFactory(gate))
                .polymorphicTypeValidator(validator)
                .activateDefaultTyping(validator, ObjectMapper.DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(HandleGuard.module())
                .addModule(DeclaredTypeGuard.module(gate))
                .visibility(PropertyAccessor.GETTER, Visibility.NONE)
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .visibility(PropertyAccessor.SETTER, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
        this.reader = mapper.readerFor(Object.class);
        this.writer = mapper.writerFor(Object.class);
    }

    /** The policy check and class loading used for the envelope's top-level type. */
    TypeGate gate() {
        return gate;
    }

    /** The configured mapper; its factory creates the envelope's parser and generator. */
    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The reader for the envelope's value: declared as {@code Object}, so the value carries its own type id
     * exactly as a nested value of declared type {@code Object} does.
     */
    ObjectReader reader() {
        return reader;
    }

    /** The writer for the envelope's value, declared as {@code Object} (see {@link #reader()}). */
    ObjectWriter writer() {
        return writer;
    }
}
