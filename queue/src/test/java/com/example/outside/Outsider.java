package com.example.outside;

import java.io.Serializable;

/** A value type outside every default type policy: decoding it is refused unless its package is allowed. */
public final class Outsider implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The value carried. */
    public final String value;

    /** @param value the value carried */
    public Outsider(String value) {
        this.value = value;
    }
}
