package dev.loyalty.engine.command;

/**
 * How a body names a member: by {@code memberId}, or by one of its identifiers. Exactly one of the two is set.
 */
public record MemberRef(String memberId, Identifier identifier)
{
    public MemberRef
    {
        if ((memberId == null) == (identifier == null))
        {
            throw new IllegalArgumentException("exactly one of memberId and identifier must be set");
        }
    }

    public static MemberRef byId(final String memberId)
    {
        return new MemberRef(memberId, null);
    }

    public static MemberRef byIdentifier(final IdentifierType type, final String value)
    {
        return new MemberRef(null, new Identifier(type, value));
    }
}
