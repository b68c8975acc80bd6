package dev.loyalty.engine.command;

import java.util.Objects;

/**
 * One identifier of a member, such as a card number or a phone. Its hash is the same in every JVM: the
 * record's default would mix in the enum constant's identity hash, which is not.
 */
public record Identifier(IdentifierType type, String value)
{
    public Identifier
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public int hashCode()
    {
        return value.hashCode() * 31 + type.ordinal();
    }

    /**
     * The record's equality (same type, equal value), written out: the generated one goes through method
     * handles that showed up in the profile of every card lookup.
     */
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof Identifier other && type == other.type && value.equals(other.value));
    }
}
