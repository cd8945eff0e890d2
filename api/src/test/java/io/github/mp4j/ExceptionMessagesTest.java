package io.github.mp4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExceptionMessagesTest {

    @Test
    void frameTooLargeNamesBothNumbers() {
        assertThat(new FrameTooLargeException(2147483648L, 67108864L))
                .hasMessageStartingWith("frame length 2147483648 exceeds maxFrameLength=67108864");
    }

    @Test
    void missingTypeNamesTypeProcessAndSerializer() {
        MissingTypeException e = new MissingTypeException("kryo", "com.example.Foo", "42@host", new byte[] {1, 2}, null);
        assertThat(e).hasMessage("Can't find class com.example.Foo in process 42@host (serializer kryo): add it to"
                + " this process's class path");
        assertThat(e.payload()).containsExactly(1, 2);
        assertThat(e.typeName()).isEqualTo("com.example.Foo");
    }

    @Test
    void missingTypeWithoutAProcessNamesThisProcess() throws Exception {
        String here = ProcessHandle.current().pid() + "@" + java.net.InetAddress.getLocalHost().getHostName();
        MissingTypeException e = new MissingTypeException("kryo", "com.example.Foo", new byte[] {1}, null);
        assertThat(e.process()).isEqualTo(here);
        assertThat(e).hasMessage("Can't find class com.example.Foo in process " + here + " (serializer kryo): add it"
                + " to this process's class path");
    }

    @Test
    void arrayTypesAreNamedByTheirElementTypeInBothTypeExceptions() {
        for (String array : new String[] {"[Lx.Evil;", "[[Lx.Evil;", "x.Evil[]", "x.Evil"}) {
            TypeNotAllowedException refused = new TypeNotAllowedException("kryo", array, null);
            assertThat(refused.typeName()).as(array).isEqualTo("x.Evil");
            assertThat(refused).hasMessageStartingWith("type x.Evil is not allowed by the TypePolicy (serializer kryo)");
            MissingTypeException missing = new MissingTypeException("json", array, "1@h", null, null);
            assertThat(missing.typeName()).as(array).isEqualTo("x.Evil");
            assertThat(missing).hasMessageStartingWith("Can't find class x.Evil in process 1@h");
        }
        assertThat(new TypeNotAllowedException("jdk", "[I", null).typeName()).isEqualTo("int");
    }

    @Test
    void decodeExceptionPayloadIsACopy() {
        byte[] raw = {7};
        DecodeException e = new DecodeException("jdk", "bad", raw, null);
        raw[0] = 8;
        e.payload()[0] = 9;
        assertThat(e.payload()).containsExactly(7);
    }

    @Test
    void serializerMismatchNamesBothSerializers() {
        assertThat(new SerializerMismatchException("jdk", "kryo", new byte[0])).hasMessage(
                "payload was written by serializer 'kryo' but this end decodes with 'jdk': configure both ends"
                        + " with the same serializer");
    }
}
