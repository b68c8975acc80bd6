package dev.loyalty.client;

import dev.loyalty.engine.sbe.AuthorizeRequestEncoder;
import dev.loyalty.engine.sbe.BooleanType;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.sbe.MemberRefKind;
import org.agrona.MutableDirectBuffer;

/**
 * The purchase body of API.md, sent as an authorize, a one-shot (authorize and capture) or a calculate, which
 * share one layout ({@code AuthorizeRequest}, {@code OneShotRequest}, {@code CalculateRequest}):
 * <pre>{@code
 * PurchaseRequest authorize = PurchaseRequest.authorize()
 *     .txId("s42-r3-000981").storeId("s42").memberIdentifier(IdentifierType.CARD, "7770001")
 *     .occurredAt("2026-12-06T09:15:00+03:00").payment("CARD").redeemPoints(100)
 *     .line("SKU-1", "coffee", 2, 25000).line("SKU-9", "bakery", 1, 9000);
 * }</pre>
 * Values are checked by the server (the limits of API.md); anything left unset is absent. {@link #reset()}
 * clears it for the next purchase; the line arrays grow once to the most lines used and are kept.
 */
public final class PurchaseRequest extends Request
{
    /** Which operation the body is sent as. */
    public enum Operation
    {
        AUTHORIZE(Protocol.AUTHORIZE), ONE_SHOT(Protocol.ONE_SHOT), CALCULATE(Protocol.CALCULATE);

        private final int templateId;

        Operation(final int templateId)
        {
            this.templateId = templateId;
        }
    }

    private final AuthorizeRequestEncoder encoder = new AuthorizeRequestEncoder();
    private Operation operation;
    private CharSequence txId;
    private CharSequence storeId;
    private MemberRefKind memberRefKind = MemberRefKind.NULL_VAL;
    private IdentifierType identifierType = IdentifierType.NULL_VAL;
    private CharSequence memberRef;
    private CharSequence occurredAt;
    private CharSequence payment;
    private long redeemPoints;
    private boolean redeemMax;
    private int lineCount;
    private CharSequence[] skus = new CharSequence[4];
    private CharSequence[] categories = new CharSequence[4];
    private long[] qtys = new long[4];
    private long[] unitPrices = new long[4];
    private int couponCount;
    private CharSequence[] coupons = new CharSequence[2];

    /** A request sent as {@code operation}. */
    public PurchaseRequest(final Operation operation)
    {
        this.operation = operation;
    }

    /** A new request sent as an authorize. */
    public static PurchaseRequest authorize()
    {
        return new PurchaseRequest(Operation.AUTHORIZE);
    }

    /** A new request sent as a one-shot purchase (authorize and capture in one step). */
    public static PurchaseRequest oneShot()
    {
        return new PurchaseRequest(Operation.ONE_SHOT);
    }

    /** A new request sent as a calculate (priced as authorize would, nothing held; the txId is ignored). */
    public static PurchaseRequest calculate()
    {
        return new PurchaseRequest(Operation.CALCULATE);
    }

    /** Clears every value (the operation stays). */
    public PurchaseRequest reset()
    {
        txId = null;
        storeId = null;
        memberRefKind = MemberRefKind.NULL_VAL;
        identifierType = IdentifierType.NULL_VAL;
        memberRef = null;
        occurredAt = null;
        payment = null;
        redeemPoints = 0;
        redeemMax = false;
        for (int i = 0; i < lineCount; i++)
        {
            skus[i] = null;
            categories[i] = null;
        }
        lineCount = 0;
        for (int i = 0; i < couponCount; i++)
        {
            coupons[i] = null;
        }
        couponCount = 0;
        return this;
    }

    /** Sends the same body as another operation. */
    public PurchaseRequest operation(final Operation operation)
    {
        this.operation = operation;
        return this;
    }

    public Operation operation()
    {
        return operation;
    }

    public int templateId()
    {
        return operation.templateId;
    }

    /** The purchase's idempotency key (not needed for calculate). */
    public PurchaseRequest txId(final CharSequence txId)
    {
        this.txId = txId;
        return this;
    }

    public PurchaseRequest storeId(final CharSequence storeId)
    {
        this.storeId = storeId;
        return this;
    }

    /** The member by its id ({@code {"memberId"}}). */
    public PurchaseRequest memberId(final CharSequence memberId)
    {
        memberRefKind = MemberRefKind.MEMBER_ID;
        identifierType = IdentifierType.NULL_VAL;
        memberRef = memberId;
        return this;
    }

    /** The member by one of its identifiers ({@code {"identifier":{"type","value"}}}). */
    public PurchaseRequest memberIdentifier(final IdentifierType type, final CharSequence value)
    {
        memberRefKind = MemberRefKind.IDENTIFIER;
        identifierType = type;
        memberRef = value;
        return this;
    }

    /** No member: an anonymous sale (the default). */
    public PurchaseRequest anonymous()
    {
        memberRefKind = MemberRefKind.NULL_VAL;
        identifierType = IdentifierType.NULL_VAL;
        memberRef = null;
        return this;
    }

    /** Business time from the till, ISO-8601 with offset; unset: engine time. */
    public PurchaseRequest occurredAt(final CharSequence occurredAt)
    {
        this.occurredAt = occurredAt;
        return this;
    }

    /** The UPPER_SNAKE payment word ({@code CASH}, {@code CARD}, ...). */
    public PurchaseRequest payment(final CharSequence payment)
    {
        this.payment = payment;
        return this;
    }

    /** Points the customer pays with. */
    public PurchaseRequest redeemPoints(final long points)
    {
        redeemPoints = points;
        redeemMax = false;
        return this;
    }

    /** Pays as many points as the program allows ({@code "redeemPoints":"MAX"}). */
    public PurchaseRequest redeemMax()
    {
        redeemPoints = 0;
        redeemMax = true;
        return this;
    }

    /** Adds a line; {@code category} may be null. */
    public PurchaseRequest line(
        final CharSequence sku, final CharSequence category, final long qty, final long unitPrice)
    {
        if (lineCount == skus.length)
        {
            final int n = lineCount * 2;
            skus = java.util.Arrays.copyOf(skus, n);
            categories = java.util.Arrays.copyOf(categories, n);
            qtys = java.util.Arrays.copyOf(qtys, n);
            unitPrices = java.util.Arrays.copyOf(unitPrices, n);
        }
        skus[lineCount] = sku;
        categories[lineCount] = category;
        qtys[lineCount] = qty;
        unitPrices[lineCount] = unitPrice;
        lineCount++;
        return this;
    }

    /** Adds a coupon code. */
    public PurchaseRequest coupon(final CharSequence code)
    {
        if (couponCount == coupons.length)
        {
            coupons = java.util.Arrays.copyOf(coupons, couponCount * 2);
        }
        coupons[couponCount++] = code;
        return this;
    }

    public int lineCount()
    {
        return lineCount;
    }

    int blockLength()
    {
        return AuthorizeRequestEncoder.BLOCK_LENGTH;
    }

    int maxBodyLength()
    {
        int n = AuthorizeRequestEncoder.BLOCK_LENGTH + 8 + Protocol.maxTextLength(txId) +
            Protocol.maxTextLength(storeId) + Protocol.maxTextLength(memberRef) + Protocol.maxTextLength(occurredAt) +
            Protocol.maxTextLength(payment);
        for (int i = 0; i < lineCount; i++)
        {
            n += AuthorizeRequestEncoder.LinesEncoder.sbeBlockLength() + Protocol.maxTextLength(skus[i]) +
                Protocol.maxTextLength(categories[i]);
        }
        for (int i = 0; i < couponCount; i++)
        {
            n += Protocol.maxTextLength(coupons[i]);
        }
        return n;
    }

    int encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        final AuthorizeRequestEncoder e = encoder.wrap(buffer, offset)
            .redeemPoints(redeemPoints)
            .memberRefKind(memberRefKind)
            .memberIdentifierType(identifierType)
            .redeemMax(redeemMax ? BooleanType.TRUE : BooleanType.FALSE);
        final AuthorizeRequestEncoder.LinesEncoder lines = e.linesCount(lineCount);
        for (int i = 0; i < lineCount; i++)
        {
            lines.next().qty(qtys[i]).unitPrice(unitPrices[i]);
            e.limit(Protocol.putText(buffer, Protocol.putText(buffer, e.limit(), skus[i]), categories[i]));
        }
        final AuthorizeRequestEncoder.CouponsEncoder couponsEncoder = e.couponsCount(couponCount);
        for (int i = 0; i < couponCount; i++)
        {
            couponsEncoder.next();
            e.limit(Protocol.putText(buffer, e.limit(), coupons[i]));
        }
        int limit = Protocol.putText(buffer, e.limit(), txId);
        limit = Protocol.putText(buffer, limit, storeId);
        limit = Protocol.putText(buffer, limit, memberRef);
        limit = Protocol.putText(buffer, limit, occurredAt);
        limit = Protocol.putText(buffer, limit, payment);
        e.limit(limit);
        return e.encodedLength();
    }
}
