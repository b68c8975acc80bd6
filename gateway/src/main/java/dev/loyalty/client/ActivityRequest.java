package dev.loyalty.client;

import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.sbe.MemberRefKind;
import dev.loyalty.engine.sbe.RecordActivityRequestEncoder;
import org.agrona.MutableDirectBuffer;

/** {@code POST /v1/activities}: a member's non-purchase action, rewarded by activity rules. */
public final class ActivityRequest extends Request
{
    private final RecordActivityRequestEncoder encoder = new RecordActivityRequestEncoder();
    private CharSequence requestId;
    private MemberRefKind kind = MemberRefKind.NULL_VAL;
    private IdentifierType identifierType = IdentifierType.NULL_VAL;
    private CharSequence memberRef;
    private CharSequence type;
    private CharSequence storeId;
    private CharSequence occurredAt;
    private int attributeCount;
    private CharSequence[] keys = new CharSequence[4];
    private CharSequence[] values = new CharSequence[4];

    /** Clears every value. */
    public ActivityRequest reset()
    {
        requestId = null;
        kind = MemberRefKind.NULL_VAL;
        identifierType = IdentifierType.NULL_VAL;
        memberRef = null;
        type = null;
        storeId = null;
        occurredAt = null;
        for (int i = 0; i < attributeCount; i++)
        {
            keys[i] = null;
            values[i] = null;
        }
        attributeCount = 0;
        return this;
    }

    /** The activity's idempotency key. */
    public ActivityRequest requestId(final CharSequence requestId)
    {
        this.requestId = requestId;
        return this;
    }

    public ActivityRequest memberId(final CharSequence memberId)
    {
        kind = MemberRefKind.MEMBER_ID;
        identifierType = IdentifierType.NULL_VAL;
        memberRef = memberId;
        return this;
    }

    public ActivityRequest memberIdentifier(final IdentifierType type, final CharSequence value)
    {
        kind = MemberRefKind.IDENTIFIER;
        identifierType = type;
        memberRef = value;
        return this;
    }

    /** The activity type, UPPER_SNAKE: {@code APP_INSTALL}, {@code REVIEW}, ... (JSON {@code type}). */
    public ActivityRequest type(final CharSequence type)
    {
        this.type = type;
        return this;
    }

    public ActivityRequest storeId(final CharSequence storeId)
    {
        this.storeId = storeId;
        return this;
    }

    public ActivityRequest occurredAt(final CharSequence occurredAt)
    {
        this.occurredAt = occurredAt;
        return this;
    }

    /** Adds a free-form attribute. */
    public ActivityRequest attribute(final CharSequence key, final CharSequence value)
    {
        if (attributeCount == keys.length)
        {
            keys = java.util.Arrays.copyOf(keys, attributeCount * 2);
            values = java.util.Arrays.copyOf(values, attributeCount * 2);
        }
        keys[attributeCount] = key;
        values[attributeCount] = value;
        attributeCount++;
        return this;
    }

    public int templateId()
    {
        return Protocol.RECORD_ACTIVITY;
    }

    int blockLength()
    {
        return RecordActivityRequestEncoder.BLOCK_LENGTH;
    }

    int maxBodyLength()
    {
        int n = RecordActivityRequestEncoder.BLOCK_LENGTH + 4 + Protocol.maxTextLength(requestId) +
            Protocol.maxTextLength(memberRef) + Protocol.maxTextLength(type) + Protocol.maxTextLength(storeId) +
            Protocol.maxTextLength(occurredAt);
        for (int i = 0; i < attributeCount; i++)
        {
            n += Protocol.maxTextLength(keys[i]) + Protocol.maxTextLength(values[i]);
        }
        return n;
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        final RecordActivityRequestEncoder e = encoder.wrap(buffer, offset)
            .memberRefKind(kind).memberIdentifierType(identifierType);
        final RecordActivityRequestEncoder.AttributesEncoder attributes = e.attributesCount(attributeCount);
        for (int i = 0; i < attributeCount; i++)
        {
            attributes.next();
            e.limit(Protocol.putText(buffer, Protocol.putText(buffer, e.limit(), keys[i]), values[i]));
        }
        int limit = Protocol.putText(buffer, e.limit(), requestId);
        limit = Protocol.putText(buffer, limit, memberRef);
        limit = Protocol.putText(buffer, limit, type);
        limit = Protocol.putText(buffer, limit, storeId);
        limit = Protocol.putText(buffer, limit, occurredAt);
        e.limit(limit);
        return e.encodedLength();
    }
}
