package dev.loyalty.gateway.binary;

import dev.loyalty.client.Protocol;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.sbe.AuthDecoder;
import dev.loyalty.engine.sbe.AuthorizeRequestDecoder;
import dev.loyalty.engine.sbe.CaptureRequestDecoder;
import dev.loyalty.engine.sbe.GetMemberRequestDecoder;
import dev.loyalty.engine.sbe.GetPurchaseRequestDecoder;
import dev.loyalty.engine.sbe.MessageHeaderDecoder;
import dev.loyalty.engine.sbe.RecordActivityRequestDecoder;
import dev.loyalty.engine.sbe.RefundRequestDecoder;
import dev.loyalty.engine.sbe.VoidRequestDecoder;
import dev.loyalty.gateway.BadRequestException;
import dev.loyalty.gateway.RequestChecks;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one request frame into the engine's {@link Command}, with the checks and messages of the HTTP
 * gateway's body decoders ({@link RequestChecks}): a request the HTTP gateway would refuse with 400 is refused
 * here with an INVALID_REQUEST error frame naming the same field. A frame whose declared lengths run past its
 * end, or whose blocks are shorter than the schema's, is refused as malformed; bytes after the message are
 * refused unless the message says it comes from a newer schema version (SBE's extension rule).
 * <p>
 * The buffer it reads is one frame after its length field:
 * <pre>
 *   0       8               16
 *   +-------+---------------+------------------------------------------+
 *   | corr. | messageHeader | message: block, groups, var data          |
 *   | id    | (8 bytes)     |                                          |
 *   +-------+---------------+------------------------------------------+
 * </pre>
 * {@code OneShotRequest} and {@code CalculateRequest} have {@code AuthorizeRequest}'s layout, field for field,
 * so one decoder reads the three. One instance per event loop: it keeps its flyweights between frames.
 */
final class BinaryRequestDecoder
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final IdentifierType[] IDENTIFIER_TYPES = IdentifierType.values();
    private static final int MEMBER_ID = 0;
    private static final int IDENTIFIER = 1;
    private static final int NONE = 255;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AuthDecoder auth = new AuthDecoder();
    private final AuthorizeRequestDecoder purchase = new AuthorizeRequestDecoder();
    private final CaptureRequestDecoder capture = new CaptureRequestDecoder();
    private final VoidRequestDecoder voidPurchase = new VoidRequestDecoder();
    private final RefundRequestDecoder refund = new RefundRequestDecoder();
    private final GetPurchaseRequestDecoder getPurchase = new GetPurchaseRequestDecoder();
    private final GetMemberRequestDecoder getMember = new GetMemberRequestDecoder();
    private final RecordActivityRequestDecoder activity = new RecordActivityRequestDecoder();
    private final int maxLines;

    private DirectBuffer buffer;
    private int end;
    private int next;
    private int authProtocolVersion;

    BinaryRequestDecoder(final int maxLines)
    {
        this.maxLines = maxLines;
    }

    /** The template id of the frame's message; the frame must be at least {@link Protocol#MIN_FRAME_LENGTH}. */
    int templateId(final DirectBuffer frame)
    {
        return header.wrap(frame, Protocol.MESSAGE_HEADER_OFFSET).templateId();
    }

    /** The schema id of the frame's message. */
    int schemaId(final DirectBuffer frame)
    {
        return header.wrap(frame, Protocol.MESSAGE_HEADER_OFFSET).schemaId();
    }

    /** The key of an AUTH frame; {@link #authProtocolVersion()} then tells the version it asked for. */
    String authKey(final DirectBuffer frame, final int frameLength)
    {
        start(frame, frameLength);
        try
        {
            auth.wrap(frame, Protocol.MESSAGE_OFFSET, blockLength(AuthDecoder.BLOCK_LENGTH), header.version());
            authProtocolVersion = auth.protocolVersion();
            final String key = string(auth.limit(), "key");
            auth.limit(next);
            checkEnd(auth.limit());
            return key;
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw malformed();
        }
    }

    int authProtocolVersion()
    {
        return authProtocolVersion;
    }

    /** Checks a PING frame: no bytes after its (empty) message. */
    void checkPing(final DirectBuffer frame, final int frameLength)
    {
        start(frame, frameLength);
        checkEnd(Protocol.MESSAGE_OFFSET + blockLength(0));
    }

    /**
     * The command the request frame asks for, on behalf of {@code scope} (the partner a {@code pos} key is
     * bound to, or null for admin).
     *
     * @throws BadRequestException with INVALID_REQUEST naming what is wrong.
     */
    Command decode(final DirectBuffer frame, final int frameLength, final String scope)
    {
        start(frame, frameLength);
        final int templateId = header.templateId();
        try
        {
            return switch (templateId)
            {
                case Protocol.AUTHORIZE -> new Commands.Authorize(scope, purchase(false));
                case Protocol.ONE_SHOT -> new Commands.OneShot(scope, purchase(false));
                case Protocol.CALCULATE -> new Commands.Calculate(scope, purchase(true));
                case Protocol.CAPTURE -> new Commands.Capture(scope, capture());
                case Protocol.VOID -> new Commands.VoidPurchase(scope, voidPurchase());
                case Protocol.REFUND -> refund(scope);
                case Protocol.GET_PURCHASE -> new Commands.GetPurchase(scope, getPurchase());
                case Protocol.GET_MEMBER -> new Commands.GetMember(scope, getMember());
                case Protocol.RECORD_ACTIVITY -> activity(scope);
                default -> throw new BadRequestException(
                    ErrorCode.NOT_FOUND, "no request has template id " + templateId);
            };
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw malformed();
        }
    }

    private void start(final DirectBuffer frame, final int frameLength)
    {
        buffer = frame;
        end = frameLength;
        header.wrap(frame, Protocol.MESSAGE_HEADER_OFFSET);
    }

    private int blockLength(final int schemaBlockLength)
    {
        final int blockLength = header.blockLength();
        if (blockLength < schemaBlockLength)
        {
            throw new BadRequestException("the frame is malformed: the message block is " + blockLength +
                " bytes, the schema's is " + schemaBlockLength);
        }
        if (Protocol.MESSAGE_OFFSET + blockLength > end)
        {
            throw new BadRequestException(
                "the frame is malformed: its message block of " + blockLength + " bytes runs past its end");
        }
        return blockLength;
    }

    private PurchaseRequest purchase(final boolean forCalculate)
    {
        final AuthorizeRequestDecoder d = purchase;
        d.wrap(buffer, Protocol.MESSAGE_OFFSET, blockLength(AuthorizeRequestDecoder.BLOCK_LENGTH), header.version());
        final long redeemPointsRaw = d.redeemPoints();
        final int kind = d.memberRefKindRaw();
        final int identifierType = d.memberIdentifierTypeRaw();
        final int redeemMaxRaw = d.redeemMaxRaw();

        final int lineCount = groupCount(d.limit(), AuthorizeRequestDecoder.LinesDecoder.sbeBlockLength(), "lines");
        if (lineCount == 0)
        {
            throw new BadRequestException("lines must have at least one line");
        }
        if (lineCount > maxLines)
        {
            throw new BadRequestException("lines has more than " + maxLines + " lines");
        }
        final AuthorizeRequestDecoder.LinesDecoder linesDecoder = d.lines();
        final ArrayList<Line> lines = new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++)
        {
            linesDecoder.next();
            final long qty = linesDecoder.qty();
            final long unitPrice = linesDecoder.unitPrice();
            final String sku = string(d.limit(), "lines", i, ".sku");
            d.limit(next);
            final String category = string(d.limit(), "lines", i, ".category");
            d.limit(next);
            if (sku.isEmpty())
            {
                throw new BadRequestException("lines[" + i + "] needs sku, qty and unitPrice");
            }
            id(sku, "lines", i, ".sku");
            if (!category.isEmpty())
            {
                id(category, "lines", i, ".category");
            }
            range(qty, 1, RequestChecks.MAX_QTY, "lines", i, ".qty");
            range(unitPrice, 0, RequestChecks.MAX_UNIT_PRICE, "lines", i, ".unitPrice");
            lines.add(new Line(sku, category.isEmpty() ? null : category, qty, unitPrice));
        }

        final int couponCount = groupCount(d.limit(), AuthorizeRequestDecoder.CouponsDecoder.sbeBlockLength(), "coupons");
        if (couponCount > RequestChecks.MAX_COUPONS)
        {
            throw new BadRequestException("coupons has more than " + RequestChecks.MAX_COUPONS + " entries");
        }
        final AuthorizeRequestDecoder.CouponsDecoder couponsDecoder = d.coupons();
        final List<String> coupons = couponCount == 0 ? List.of() : new ArrayList<>(couponCount);
        for (int i = 0; i < couponCount; i++)
        {
            couponsDecoder.next();
            final String code = string(d.limit(), "coupons", i, "");
            d.limit(next);
            id(code, "coupons", i, "");
            coupons.add(code);
        }

        final String txId = string(d.limit(), "txId");
        d.limit(next);
        final String storeId = string(d.limit(), "storeId");
        d.limit(next);
        final String memberRef = string(d.limit(), "memberRef");
        d.limit(next);
        final String occurredAt = string(d.limit(), "occurredAt");
        d.limit(next);
        final String payment = string(d.limit(), "payment");
        d.limit(next);
        checkEnd(d.limit());

        if (!forCalculate)
        {
            if (txId.isEmpty())
            {
                throw new BadRequestException("txId is required");
            }
            RequestChecks.id("txId", txId);
        }
        if (storeId.isEmpty())
        {
            throw new BadRequestException("storeId is required");
        }
        RequestChecks.id("storeId", storeId);
        final MemberRef member = memberRef(kind, identifierType, memberRef, "member", true);
        final boolean redeemMax = bool(redeemMaxRaw, "redeemMax");
        if (redeemMax && redeemPointsRaw != 0)
        {
            throw new BadRequestException("redeemPoints must be 0 when redeemMax is TRUE");
        }
        final long redeemPoints = RequestChecks.integer(
            "redeemPoints", redeemPointsRaw, 0, RequestChecks.MAX_REDEEM_POINTS);
        return new PurchaseRequest(
            forCalculate ? null : txId,
            storeId,
            member,
            occurredAt.isEmpty() ? null : RequestChecks.occurredAt("occurredAt", occurredAt),
            payment.isEmpty() ? null : RequestChecks.upperSnake("payment", payment),
            lines,
            redeemPoints,
            redeemMax,
            coupons);
    }

    private String capture()
    {
        capture.wrap(buffer, Protocol.MESSAGE_OFFSET, blockLength(CaptureRequestDecoder.BLOCK_LENGTH), header.version());
        final String txId = string(capture.limit(), "txId");
        capture.limit(next);
        checkEnd(capture.limit());
        return requiredId(txId, "txId");
    }

    private String voidPurchase()
    {
        voidPurchase.wrap(buffer, Protocol.MESSAGE_OFFSET, blockLength(VoidRequestDecoder.BLOCK_LENGTH), header.version());
        final String txId = string(voidPurchase.limit(), "txId");
        voidPurchase.limit(next);
        checkEnd(voidPurchase.limit());
        return requiredId(txId, "txId");
    }

    private String getPurchase()
    {
        getPurchase.wrap(
            buffer, Protocol.MESSAGE_OFFSET, blockLength(GetPurchaseRequestDecoder.BLOCK_LENGTH), header.version());
        final String txId = string(getPurchase.limit(), "txId");
        getPurchase.limit(next);
        checkEnd(getPurchase.limit());
        return requiredId(txId, "txId");
    }

    private Command refund(final String scope)
    {
        final RefundRequestDecoder d = refund;
        d.wrap(buffer, Protocol.MESSAGE_OFFSET, blockLength(RefundRequestDecoder.BLOCK_LENGTH), header.version());
        final long amount = d.amount();
        final int lineCount = groupCount(d.limit(), RefundRequestDecoder.LinesDecoder.sbeBlockLength(), "lines");
        if (lineCount > maxLines)
        {
            throw new BadRequestException("lines has more than " + maxLines + " lines");
        }
        final RefundRequestDecoder.LinesDecoder linesDecoder = d.lines();
        final List<RefundLine> lines = lineCount == 0 ? List.of() : new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++)
        {
            linesDecoder.next();
            final long qty = linesDecoder.qty();
            final String sku = string(d.limit(), "lines", i, ".sku");
            d.limit(next);
            if (sku.isEmpty())
            {
                throw new BadRequestException("lines[" + i + "] needs sku and qty");
            }
            id(sku, "lines", i, ".sku");
            range(qty, 1, RequestChecks.MAX_QTY, "lines", i, ".qty");
            lines.add(new RefundLine(sku, qty));
        }
        final String txId = string(d.limit(), "txId");
        d.limit(next);
        final String refundId = string(d.limit(), "refundId");
        d.limit(next);
        checkEnd(d.limit());

        requiredId(txId, "txId");
        requiredId(refundId, "refundId");
        if (amount != 0)
        {
            RequestChecks.integer("amount", amount, 1, RequestChecks.MAX_REFUND_AMOUNT);
        }
        if (lines.isEmpty() == (amount == 0))
        {
            throw new BadRequestException("give either lines or amount");
        }
        return new Commands.Refund(scope, txId, refundId, lines, amount == 0 ? -1 : amount);
    }

    private MemberRef getMember()
    {
        final GetMemberRequestDecoder d = getMember;
        d.wrap(buffer, Protocol.MESSAGE_OFFSET, blockLength(GetMemberRequestDecoder.BLOCK_LENGTH), header.version());
        final int kind = d.memberRefKindRaw();
        final int identifierType = d.memberIdentifierTypeRaw();
        final String memberRef = string(d.limit(), "memberRef");
        d.limit(next);
        checkEnd(d.limit());
        if (kind == NONE)
        {
            throw new BadRequestException("memberRefKind is required: MEMBER_ID or IDENTIFIER");
        }
        if (kind == IDENTIFIER && identifierType == NONE)
        {
            throw new BadRequestException("identifierType and value are required");
        }
        return memberRef(kind, identifierType, memberRef, "member", false);
    }

    private Command activity(final String scope)
    {
        final RecordActivityRequestDecoder d = activity;
        d.wrap(
            buffer, Protocol.MESSAGE_OFFSET, blockLength(RecordActivityRequestDecoder.BLOCK_LENGTH), header.version());
        final int kind = d.memberRefKindRaw();
        final int identifierType = d.memberIdentifierTypeRaw();
        final int count = groupCount(
            d.limit(), RecordActivityRequestDecoder.AttributesDecoder.sbeBlockLength(), "attributes");
        if (count > RequestChecks.MAX_ATTRIBUTES)
        {
            throw new BadRequestException("attributes has more than " + RequestChecks.MAX_ATTRIBUTES + " entries");
        }
        final RecordActivityRequestDecoder.AttributesDecoder attributesDecoder = d.attributes();
        final Map<String, String> attributes = count == 0 ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            attributesDecoder.next();
            final String key = string(d.limit(), "attributes", i, ".key");
            d.limit(next);
            final String value = string(d.limit(), "attributes", i, ".value");
            d.limit(next);
            RequestChecks.attribute("attributes", key, value);
            if (attributes.put(key, value) != null)
            {
                throw new BadRequestException("attributes." + key + " is given twice");
            }
        }
        final String requestId = string(d.limit(), "requestId");
        d.limit(next);
        final String memberRef = string(d.limit(), "memberRef");
        d.limit(next);
        final String type = string(d.limit(), "activityType");
        d.limit(next);
        final String storeId = string(d.limit(), "storeId");
        d.limit(next);
        final String occurredAt = string(d.limit(), "occurredAt");
        d.limit(next);
        checkEnd(d.limit());

        if (requestId.isEmpty())
        {
            RequestChecks.requireRequestId(null);
        }
        RequestChecks.id("requestId", requestId);
        final MemberRef member = memberRef(kind, identifierType, memberRef, "member", true);
        if (member == null)
        {
            throw new BadRequestException("member is required");
        }
        if (type.isEmpty())
        {
            throw new BadRequestException("type is required");
        }
        RequestChecks.upperSnake("type", type);
        if (storeId.isEmpty())
        {
            throw new BadRequestException("storeId is required");
        }
        RequestChecks.id("storeId", storeId);
        return new Commands.RecordActivity(
            requestId, scope, member, type, storeId,
            occurredAt.isEmpty() ? null : RequestChecks.occurredAt("occurredAt", occurredAt), attributes);
    }

    /**
     * The member a request names: {@code memberRefKind} MEMBER_ID (the id in {@code memberRef}), IDENTIFIER
     * ({@code memberIdentifierType} and the value in {@code memberRef}), or the null value for none (null).
     */
    private static MemberRef memberRef(
        final int kind, final int identifierType, final String memberRef, final String where, final boolean inBody)
    {
        final String idField = inBody ? where + ".memberId" : "memberId";
        final String typeField = inBody ? where + ".identifier.type" : "identifierType";
        final String valueField = inBody ? where + ".identifier.value" : "value";
        switch (kind)
        {
            case NONE:
                if (identifierType != NONE || !memberRef.isEmpty())
                {
                    throw new BadRequestException(where + " must name exactly one of memberId and identifier");
                }
                return null;
            case MEMBER_ID:
                if (identifierType != NONE)
                {
                    throw new BadRequestException("memberIdentifierType must be the null value with MEMBER_ID");
                }
                return MemberRef.byId(RequestChecks.id(idField, memberRef));
            case IDENTIFIER:
                if (identifierType >= IDENTIFIER_TYPES.length)
                {
                    if (identifierType == NONE)
                    {
                        throw new BadRequestException(where + ".identifier needs type and value");
                    }
                    throw new BadRequestException(
                        typeField + " must be one of CARD, PHONE, EMAIL, APP_ID, PAYMENT_TOKEN, EXTERNAL_ID");
                }
                return MemberRef.byIdentifier(
                    IDENTIFIER_TYPES[identifierType], RequestChecks.identifierValue(valueField, memberRef));
            default:
                throw new BadRequestException("memberRefKind must be MEMBER_ID (0), IDENTIFIER (1) or none (255)");
        }
    }

    private static boolean bool(final int raw, final String field)
    {
        if (raw == 0)
        {
            return false;
        }
        if (raw == 1)
        {
            return true;
        }
        throw new BadRequestException(field + " must be FALSE (0) or TRUE (1)");
    }

    private static String requiredId(final String value, final String field)
    {
        if (value.isEmpty())
        {
            throw new BadRequestException(field + " is required");
        }
        return RequestChecks.id(field, value);
    }

    private static void id(final String value, final String group, final int index, final String suffix)
    {
        if (!RequestChecks.isId(value))
        {
            RequestChecks.id(group + "[" + index + "]" + suffix, value);
        }
    }

    private static void range(
        final long value, final long min, final long max, final String group, final int index, final String suffix)
    {
        if (value < min || value > max)
        {
            RequestChecks.integer(group + "[" + index + "]" + suffix, value, min, max);
        }
    }

    /** The entry count of the group whose header is at {@code limit}, after checking its entries fit. */
    private int groupCount(final int limit, final int schemaBlockLength, final String group)
    {
        if (limit + 4 > end)
        {
            throw malformed();
        }
        final int blockLength = buffer.getShort(limit, LE) & 0xFFFF;
        final int count = buffer.getShort(limit + 2, LE) & 0xFFFF;
        if (blockLength < schemaBlockLength)
        {
            throw new BadRequestException("the frame is malformed: " + group + " entries are " + blockLength +
                " bytes, the schema's are " + schemaBlockLength);
        }
        if ((long)count * blockLength > end - limit - 4)
        {
            throw malformed();
        }
        return count;
    }

    /** The string at {@code limit}; {@link #next} is then the limit after it. */
    private String string(final int limit, final String field)
    {
        final int offset = stringOffset(limit);
        final String s = WireText.readOrNull(buffer, offset, next - offset);
        if (s == null)
        {
            throw new BadRequestException(field + " is not valid UTF-8");
        }
        return s;
    }

    private String string(final int limit, final String group, final int index, final String suffix)
    {
        final int offset = stringOffset(limit);
        final String s = WireText.readOrNull(buffer, offset, next - offset);
        if (s == null)
        {
            throw new BadRequestException(group + "[" + index + "]" + suffix + " is not valid UTF-8");
        }
        return s;
    }

    private int stringOffset(final int limit)
    {
        if (limit + 4 > end)
        {
            throw malformed();
        }
        final long length = buffer.getInt(limit, LE) & 0xFFFF_FFFFL;
        if (length > end - limit - 4)
        {
            throw malformed();
        }
        next = limit + 4 + (int)length;
        return limit + 4;
    }

    private void checkEnd(final int limit)
    {
        if (limit != end && header.version() <= Protocol.SCHEMA_VERSION)
        {
            throw new BadRequestException("the frame has " + (end - limit) + " bytes after its message");
        }
    }

    private static BadRequestException malformed()
    {
        return new BadRequestException("the frame is malformed: a group or a string runs past its end");
    }
}
