package dev.loyalty.client;

import dev.loyalty.engine.sbe.GetMemberRequestEncoder;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.sbe.MemberRefKind;
import org.agrona.MutableDirectBuffer;

/**
 * A member's profile, by id ({@code GET /v1/members/{memberId}}) or by identifier
 * ({@code GET /v1/members?identifierType=&value=}).
 */
public final class MemberRequest extends Request
{
    private final GetMemberRequestEncoder encoder = new GetMemberRequestEncoder();
    private MemberRefKind kind = MemberRefKind.NULL_VAL;
    private IdentifierType identifierType = IdentifierType.NULL_VAL;
    private CharSequence memberRef;

    /** A lookup by member id. */
    public static MemberRequest byId(final CharSequence memberId)
    {
        return new MemberRequest().memberId(memberId);
    }

    /** A lookup by identifier. */
    public static MemberRequest byIdentifier(final IdentifierType type, final CharSequence value)
    {
        return new MemberRequest().identifier(type, value);
    }

    /** Looks up by member id. */
    public MemberRequest memberId(final CharSequence memberId)
    {
        kind = MemberRefKind.MEMBER_ID;
        identifierType = IdentifierType.NULL_VAL;
        memberRef = memberId;
        return this;
    }

    /** Looks up by identifier. */
    public MemberRequest identifier(final IdentifierType type, final CharSequence value)
    {
        kind = MemberRefKind.IDENTIFIER;
        identifierType = type;
        memberRef = value;
        return this;
    }

    public int templateId()
    {
        return Protocol.GET_MEMBER;
    }

    int blockLength()
    {
        return GetMemberRequestEncoder.BLOCK_LENGTH;
    }

    int maxBodyLength()
    {
        return GetMemberRequestEncoder.BLOCK_LENGTH + Protocol.maxTextLength(memberRef);
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrap(buffer, offset).memberRefKind(kind).memberIdentifierType(identifierType);
        encoder.limit(Protocol.putText(buffer, encoder.limit(), memberRef));
        return encoder.encodedLength();
    }
}
