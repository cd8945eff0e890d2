package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import java.io.IOException;

/**
 * A generator that asks a {@link TypePolicy} about every type id Jackson writes (every nested value whose declared type
 * is not final): the ids a receiver with the same policy judges, including the type parameters of a generic id such
 * as {@code java.util.EnumSet<com.x.Color>}, and the class of every bean or record written (a final declared type
 * writes no id).
 */
final class PolicyCheckingGenerator extends JsonGeneratorDelegate {
    private final TypePolicy policy;

    PolicyCheckingGenerator(JsonGenerator delegate, TypePolicy policy) {
        super(delegate, true);
        this.policy = policy;
    }

    @Override
    public WritableTypeId writeTypePrefix(WritableTypeId typeId) throws IOException {
        if (typeId.id instanceof String) {
            check(policy, (String) typeId.id);
        }
        return super.writeTypePrefix(typeId);
    }

    /**
     * A bean or record starts: its class is judged too, since a value whose declared type is final gets no type id
     * (the receiver judges that declared type all the same).
     */
    @Override
    public void writeStartObject(Object forValue) throws IOException {
        checkValue(forValue);
        super.writeStartObject(forValue);
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        checkValue(forValue);
        super.writeStartObject(forValue, size);
    }

    private void checkValue(Object value) {
        if (value != null) {
            check(policy, value.getClass().getName());
        }
    }

    /**
     * Throws {@link TypeNotAllowedException} (empty payload) unless {@code policy} allows every class named in the
     * type id {@code id}.
     */
    static void check(TypePolicy policy, String id) {
        for (String name : id.split("[<>,\\s]+")) {
            if (!name.isEmpty() && !policy.isAllowed(name)) {
                throw new TypeNotAllowedException(JsonCodec.NAME, name, null);
            }
        }
    }
}
