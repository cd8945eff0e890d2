package org.example.mp4j.samples;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A plain class with a nested user type ({@link Customer}), an enum and a list. */
public class Order implements Serializable {
    private static final long serialVersionUID = 1L;
    private long id;
    private Customer customer;
    private List<String> items = new ArrayList<>();
    private Color color;

    /** An empty order (for serializers that need a no-arg constructor). */
    public Order() {
    }

    /** An order with these fields; {@code items} is copied into an ArrayList. */
    public Order(long id, Customer customer, List<String> items, Color color) {
        this.id = id;
        this.customer = customer;
        this.items = new ArrayList<>(items);
        this.color = color;
    }

    /** The id. */
    public long getId() {
        return id;
    }

    /** Sets the id. */
    public void setId(long id) {
        this.id = id;
    }

    /** The customer. */
    public Customer getCustomer() {
        return customer;
    }

    /** Sets the customer. */
    public void setCustomer(Customer customer) {
        this.customer = customer;
    }

    /** The items. */
    public List<String> getItems() {
        return items;
    }

    /** Sets the items. */
    public void setItems(List<String> items) {
        this.items = items;
    }

    /** The colour. */
    public Color getColor() {
        return color;
    }

    /** Sets the colour. */
    public void setColor(Color color) {
        this.color = color;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Order)) {
            return false;
        }
        Order other = (Order) o;
        return other.id == id && Objects.equals(other.customer, customer) && Objects.equals(other.items, items)
                && other.color == color;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, customer, items, color);
    }

    @Override
    public String toString() {
        return "Order[id=" + id + ", customer=" + customer + ", items=" + items + ", color=" + color + "]";
    }
}
