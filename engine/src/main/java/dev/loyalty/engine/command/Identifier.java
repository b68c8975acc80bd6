package dev.loyalty.engine.command;

import java.util.Objects;

/** One identifier of a member, such as a card number or a phone. */
public record Identifier(IdentifierType type, String value)
{
    public Identifier
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
