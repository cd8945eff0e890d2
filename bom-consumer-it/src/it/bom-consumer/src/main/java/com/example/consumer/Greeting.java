package com.example.consumer;

/** An application value sent between JVMs. */
public record Greeting(String text, int hops) {
}
