package io.github.mp4j.serializer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.testkit.SampleValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The json serializer behind a real pipe: a refused message is consumed and the next one arrives. */
class JsonOverPipeTest {

    @Test
    @Timeout(60)
    void refusedMessageIsConsumedWithItsBytesAndTheNextMessageArrives() throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().serializer(new JsonSerializer())
                .typePolicy(TypePolicy.defaults()).build();
        try (Pipe pipe = Pipe.open(true, options)) {
            pipe.second().sendBytes(Json.encode(SampleValues.smallRecord()));
            pipe.second().send("next");
            assertThatThrownBy(() -> pipe.first().recv())
                    .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                        assertThat(e.typeName()).isEqualTo(SampleValues.smallRecord().getClass().getName());
                        assertThat(e.payload()).isEqualTo(Json.encode(SampleValues.smallRecord()));
                    });
            assertThat(pipe.first().recv()).isEqualTo("next");
        }
    }

    @Test
    @Timeout(60)
    void sendOfATypeThePolicyRefusesRaisesInTheSenderAndSendsNothing() throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().serializer(new JsonSerializer())
                .typePolicy(TypePolicy.defaults()).build();
        try (Pipe pipe = Pipe.open(true, options)) {
            assertThatThrownBy(() -> pipe.second().send(java.util.List.of("ok", SampleValues.smallRecord())))
                    .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                        assertThat(e.typeName()).isEqualTo(SampleValues.smallRecord().getClass().getName());
                        assertThat(e.payload()).isEmpty();
                    });
            pipe.second().send("next");
            assertThat(pipe.first().recv()).isEqualTo("next");
            assertThat(pipe.first().poll()).isFalse();
        }
    }
}
