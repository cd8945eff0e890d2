package org.example.mp4j.samples;

import java.io.Serializable;
import java.util.Objects;

/** A plain class nested inside {@link Order}: removed from a child's class path to test nested missing types. */
public class Customer implements Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private String email;

    /** An empty customer (for serializers that need a no-arg constructor). */
    public Customer() {
    }

    /** A customer with these fields. */
    public Customer(String name, String email) {
        this.name = name;
        this.email = email;
    }

    /** The name. */
    public String getName() {
        return name;
    }

    /** Sets the name. */
    public void setName(String name) {
        this.name = name;
    }

    /** The e-mail address. */
    public String getEmail() {
        return email;
    }

    /** Sets the e-mail address. */
    public void setEmail(String email) {
        this.email = email;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Customer && Objects.equals(((Customer) o).name, name)
                && Objects.equals(((Customer) o).email, email);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email);
    }

    @Override
    public String toString() {
        return "Customer[name=" + name + ", email=" + email + "]";
    }
}
