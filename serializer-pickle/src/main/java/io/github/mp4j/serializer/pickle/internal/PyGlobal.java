package io.github.mp4j.serializer.pickle.internal;

/**
 * A pickle global ({@code GLOBAL}/{@code STACK_GLOBAL}/{@code INST} target) that the policy allowed and that has a
 * Java mapping: it sits on the unpickler's stack until a {@code REDUCE}/{@code NEWOBJ}/{@code OBJ} calls it. It is
 * never part of a decoded value: a payload that leaves it in the result is refused.
 */
record PyGlobal(String qualifiedName, GlobalMapping mapping) {
}
