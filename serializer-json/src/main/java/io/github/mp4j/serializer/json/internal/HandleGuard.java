package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * A Jackson module that makes serializing an mp4j connection or queue handle anywhere inside a value fail with
 * the {@link Handles#refusal} message instead of writing its fields.
 */
final class HandleGuard extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    /** The module that installs this guard. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("mp4j-handle-guard");
        m.setSerializerModifier(new HandleGuard());
        return m;
    }

    @Override
    public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription beanDesc,
                                              JsonSerializer<?> serializer) {
        Class<?> type = beanDesc.getBeanClass();
        return Handles.isHandle(type) ? new Refusing(type) : serializer;
    }

    /** Throws the refusal instead of writing anything. */
    private static final class Refusing extends StdSerializer<Object> {
        private static final long serialVersionUID = 1L;

        Refusing(Class<?> type) {
            super(type, false);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) {
            throw Handles.refusal(JsonCodec.NAME, value.getClass());
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSer) {
            serialize(value, gen, provider);
        }
    }
}
