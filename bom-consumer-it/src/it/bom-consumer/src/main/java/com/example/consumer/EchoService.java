package com.example.consumer;

import io.github.mp4j.Queue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.time.Duration;

/** Sends a {@link Greeting} to a child JVM through one queue and gets the child's answer through another. */
public final class EchoService {
    private EchoService() {
    }

    /** Kryo, and a type policy that lets this application's own package through. */
    public static QueueFactory factory() {
        return QueueFactory.builder()
                .serializer("kryo")
                .typePolicy(TypePolicy.defaults().allowPackages("com.example.consumer"))
                .build();
    }

    /** Round-trips {@code greeting} through a child JVM; returns the child's answer and checks its exit code. */
    public static Greeting roundTrip(QueueFactory mp, Greeting greeting) throws InterruptedException {
        Queue<Greeting> requests = mp.queue();
        Queue<Greeting> answers = mp.queue();
        try (JvmProcess child = new JvmProcess(EchoService::echo, requests, answers)) {
            child.start();
            requests.put(greeting);
            Greeting answer = answers.get(Duration.ofSeconds(60));
            if (!child.join(Duration.ofSeconds(60)) || child.exitCode().getAsInt() != 0) {
                throw new IllegalStateException("child did not end cleanly: " + child);
            }
            return answer;
        }
    }

    @SuppressWarnings("unchecked")
    static void echo(Object... args) throws InterruptedException {
        Queue<Greeting> requests = (Queue<Greeting>) args[0];
        Queue<Greeting> answers = (Queue<Greeting>) args[1];
        Greeting in = requests.get();
        answers.put(new Greeting(in.text() + " / echo from " + ProcessHandle.current().pid(), in.hops() + 1));
    }
}
