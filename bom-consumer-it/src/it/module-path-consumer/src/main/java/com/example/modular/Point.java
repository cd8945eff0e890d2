package com.example.modular;

import java.io.Serializable;

/** An application value sent between JVMs with the JDK serializer. */
public record Point(int x, int y) implements Serializable {
}
