package org.example.mp4j.samples;

import java.io.Serializable;

/**
 * A linked node for cycles and shared references. Equality is identity (a structural equals would not
 * terminate on a cycle).
 */
public class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private Node next;

    /** An unnamed node (for serializers that need a no-arg constructor). */
    public Node() {
    }

    /** A node with this name and no successor. */
    public Node(String name) {
        this.name = name;
    }

    /** The name. */
    public String getName() {
        return name;
    }

    /** Sets the name. */
    public void setName(String name) {
        this.name = name;
    }

    /** The successor, or null. */
    public Node getNext() {
        return next;
    }

    /** Sets the successor. */
    public void setNext(Node next) {
        this.next = next;
    }

    @Override
    public String toString() {
        return "Node[" + name + " -> " + (next == null ? "null" : next.name) + "]";
    }
}
