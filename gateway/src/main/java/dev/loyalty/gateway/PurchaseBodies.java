package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonToken;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.pricing.Pricer;
import dev.loyalty.engine.time.OffsetDateTimes;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the purchase bodies of API.md: authorize, one-shot and calculate (one shape), refund, and the empty
 * bodies of capture and void. Limits: {@code qty} 1-100000, {@code unitPrice} 0-10^11, 1 to the configured
 * number of lines, ids and codes 1-64 printable characters, at most {@value #MAX_COUPONS} coupons.
 */
final class PurchaseBodies
{
    static final long MAX_QTY = 100_000;
    static final long MAX_UNIT_PRICE = 100_000_000_000L;
    static final long MAX_POINTS = 1_000_000_000_000_000L;
    static final int MAX_COUPONS = 20;

    /** Lines whose field paths are kept once made; a longer cheque makes the rest per request. */
    private static final int KEPT_LINE_PATHS = 256;
    private static final LinePaths[] LINE_PATHS = new LinePaths[KEPT_LINE_PATHS];
    private static final MemberPaths MEMBER = new MemberPaths("member");
    private static final IdentifierType[] IDENTIFIER_TYPES = IdentifierType.values();
    private static final String[] IDENTIFIER_TYPE_NAMES = new String[IDENTIFIER_TYPES.length];

    static
    {
        for (int i = 0; i < IDENTIFIER_TYPES.length; i++)
        {
            IDENTIFIER_TYPE_NAMES[i] = IDENTIFIER_TYPES[i].name();
        }
    }

    private PurchaseBodies()
    {
    }

    /**
     * How error messages name the fields of line {@code i}: {@code lines[2]}, {@code lines[2].qty}. Made once per
     * index rather than concatenated for every line of every request, since a message needs them only when a
     * request is refused. Final fields: a thread that sees a cached instance sees it whole.
     */
    private record LinePaths(String line, String sku, String category, String qty, String unitPrice)
    {
        static LinePaths of(final int i)
        {
            if (i >= KEPT_LINE_PATHS)
            {
                return make(i);
            }
            LinePaths paths = LINE_PATHS[i];
            if (paths == null)
            {
                paths = make(i);
                LINE_PATHS[i] = paths;
            }
            return paths;
        }

        private static LinePaths make(final int i)
        {
            final String line = "lines[" + i + "]";
            return new LinePaths(line, line + ".sku", line + ".category", line + ".qty", line + ".unitPrice");
        }
    }

    /** How error messages name a member reference's fields: {@code member.identifier.type}. */
    private record MemberPaths(String where, String memberId, String identifier, String type, String value)
    {
        MemberPaths(final String where)
        {
            this(where, where + ".memberId", where + ".identifier", where + ".identifier.type",
                where + ".identifier.value");
        }
    }

    /**
     * The body of authorize and one-shot ({@code forCalculate} false: {@code txId} required) or of calculate
     * ({@code txId} ignored).
     */
    static PurchaseRequest purchase(final JsonReader r, final boolean forCalculate, final int maxLines)
    {
        String txId = null;
        String storeId = null;
        MemberRef member = null;
        String occurredAt = null;
        String payment = null;
        List<Line> lines = null;
        long redeemPoints = 0;
        boolean redeemMax = false;
        List<String> coupons = List.of();

        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "txId" ->
                {
                    if (forCalculate)
                    {
                        r.nextIsNull();
                    }
                    else
                    {
                        txId = r.id("txId");
                    }
                }
                case "storeId" -> storeId = r.id("storeId");
                case "member" -> member = memberRef(r, "member");
                case "occurredAt" -> occurredAt = occurredAt(r, "occurredAt");
                case "payment" ->
                {
                    final String s = r.nullableString("payment");
                    payment = s == null ? null : JsonReader.checkUpperSnake("payment", s);
                }
                case "lines" -> lines = lines(r, maxLines);
                case "redeemPoints" ->
                {
                    r.nextIsNull();
                    if (r.current() == JsonToken.VALUE_STRING && "MAX".equals(r.text()))
                    {
                        redeemMax = true;
                        redeemPoints = 0;
                    }
                    else if (r.current() == JsonToken.VALUE_NULL)
                    {
                        redeemPoints = 0;
                    }
                    else if (r.current() == JsonToken.VALUE_NUMBER_INT)
                    {
                        redeemPoints = r.currentInteger("redeemPoints", 0, MAX_POINTS);
                        redeemMax = false;
                    }
                    else
                    {
                        throw new BadRequestException("redeemPoints must be a non-negative integer or \"MAX\"");
                    }
                }
                case "coupons" -> coupons = codes(r, "coupons", MAX_COUPONS);
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        if (!forCalculate && txId == null)
        {
            throw new BadRequestException("txId is required");
        }
        if (storeId == null)
        {
            throw new BadRequestException("storeId is required");
        }
        if (lines == null || lines.isEmpty())
        {
            throw new BadRequestException("lines must have at least one line");
        }
        return new PurchaseRequest(txId, storeId, member, occurredAt, payment, lines, redeemPoints, redeemMax, coupons);
    }

    /** {@code {"refundId","lines":[{"sku","qty"}]}} or {@code {"refundId","amount"}}. */
    static Commands.Refund refund(
        final JsonReader r, final String scopePartnerId, final String txId, final int maxLines)
    {
        String refundId = null;
        List<RefundLine> lines = null;
        long amount = -1;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "refundId" -> refundId = r.id("refundId");
                case "lines" -> lines = refundLines(r, maxLines);
                case "amount" -> amount = r.integer("amount", 1, Pricer.MAX_TOTAL);
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        if (refundId == null)
        {
            throw new BadRequestException("refundId is required");
        }
        if ((lines == null || lines.isEmpty()) == (amount < 0))
        {
            throw new BadRequestException("give either lines or amount");
        }
        return new Commands.Refund(scopePartnerId, txId, refundId, lines, amount);
    }

    /** Capture and void take {@code {}} (or no body at all). */
    static void emptyBody(final JsonReader r)
    {
        r.startBody();
        final String field = r.nextField();
        if (field != null)
        {
            throw JsonReader.unknownField(field);
        }
        r.endBody();
    }

    /** {@code {"memberId":"…"}} or {@code {"identifier":{"type","value"}}}; null for JSON null. */
    static MemberRef memberRef(final JsonReader r, final String where)
    {
        return memberRef(r, MEMBER.where().equals(where) ? MEMBER : new MemberPaths(where));
    }

    private static MemberRef memberRef(final JsonReader r, final MemberPaths paths)
    {
        final String where = paths.where();
        if (!r.startObject(where))
        {
            return null;
        }
        String memberId = null;
        Identifier identifier = null;
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "memberId" -> memberId = r.id(paths.memberId());
                case "identifier" ->
                {
                    if (!r.startObject(paths.identifier()))
                    {
                        throw new BadRequestException(paths.identifier() + " must be an object");
                    }
                    identifier = identifierFields(r, paths.identifier(), paths.type(), paths.value());
                }
                default -> throw JsonReader.unknownField(where + "." + field);
            }
        }
        if ((memberId == null) == (identifier == null))
        {
            throw new BadRequestException(where + " must name exactly one of memberId and identifier");
        }
        return memberId != null ? MemberRef.byId(memberId) : new MemberRef(null, identifier);
    }

    /** {@code {"type":"CARD","value":"7770001"}}. */
    static Identifier identifier(final JsonReader r, final String where)
    {
        if (!r.startObject(where))
        {
            throw new BadRequestException(where + " must be an object");
        }
        return identifierFields(r, where);
    }

    /** The fields of an identifier object the reader is already inside. */
    static Identifier identifierFields(final JsonReader r, final String where)
    {
        return identifierFields(r, where, where + ".type", where + ".value");
    }

    private static Identifier identifierFields(
        final JsonReader r, final String where, final String whereType, final String whereValue)
    {
        IdentifierType type = null;
        String value = null;
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "type" ->
                {
                    final int t = r.stringIndex(whereType, IDENTIFIER_TYPE_NAMES);
                    if (t < 0)
                    {
                        throw notAnIdentifierType(whereType);
                    }
                    type = IDENTIFIER_TYPES[t];
                }
                case "value" -> value = identifierValue(r.string(whereValue), whereValue);
                default -> throw JsonReader.unknownField(where + "." + field);
            }
        }
        if (type == null || value == null)
        {
            throw new BadRequestException(where + " needs type and value");
        }
        return new Identifier(type, value);
    }

    static IdentifierType identifierType(final String s, final String where)
    {
        for (final IdentifierType t : IDENTIFIER_TYPES)
        {
            if (t.name().equals(s))
            {
                return t;
            }
        }
        throw notAnIdentifierType(where);
    }

    private static BadRequestException notAnIdentifierType(final String where)
    {
        return new BadRequestException(where + " must be one of CARD, PHONE, EMAIL, APP_ID, PAYMENT_TOKEN, EXTERNAL_ID");
    }

    /** An identifier's value: 1-256 characters, no controls, no leading or trailing space. */
    static String identifierValue(final String s, final String where)
    {
        if (s.isEmpty() || s.length() > 256 || s.isBlank() || !s.strip().equals(s))
        {
            throw new BadRequestException(where + " must be 1-256 characters without leading or trailing spaces");
        }
        return JsonReader.checkText(where, s);
    }

    /** An ISO-8601 date-time with offset, e.g. {@code 2026-12-06T09:15:00+03:00}; null for JSON null. */
    static String occurredAt(final JsonReader r, final String where)
    {
        final String s = r.nullableString(where);
        return s == null ? null : checkOccurredAt(where, s);
    }

    /**
     * Checks an ISO-8601 date-time with offset: the texts {@code OffsetDateTime.parse} takes, read without
     * {@code java.time} on the common form ({@link OffsetDateTimes}).
     */
    static String checkOccurredAt(final String where, final String s)
    {
        if (s.length() > 64 || OffsetDateTimes.offsetSeconds(s) == OffsetDateTimes.NO_OFFSET)
        {
            throw new BadRequestException(where + " must be an ISO-8601 date-time with offset");
        }
        return s;
    }

    private static List<Line> lines(final JsonReader r, final int maxLines)
    {
        if (!r.startArray("lines"))
        {
            return null;
        }
        final ArrayList<Line> lines = new ArrayList<>();
        while (r.nextElement())
        {
            final int i = lines.size();
            if (i == maxLines)
            {
                throw new BadRequestException("lines has more than " + maxLines + " lines");
            }
            final LinePaths paths = LinePaths.of(i);
            final String where = paths.line();
            if (r.current() != JsonToken.START_OBJECT)
            {
                throw new BadRequestException(where + " must be an object");
            }
            String sku = null;
            String category = null;
            long qty = -1;
            long unitPrice = -1;
            String field;
            while ((field = r.nextField()) != null)
            {
                switch (field)
                {
                    case "sku" -> sku = r.id(paths.sku());
                    case "category" -> category = r.nullableId(paths.category());
                    case "qty" -> qty = r.integer(paths.qty(), 1, MAX_QTY);
                    case "unitPrice" -> unitPrice = r.integer(paths.unitPrice(), 0, MAX_UNIT_PRICE);
                    default -> throw JsonReader.unknownField(where + "." + field);
                }
            }
            if (sku == null || qty < 0 || unitPrice < 0)
            {
                throw new BadRequestException(where + " needs sku, qty and unitPrice");
            }
            lines.add(new Line(sku, category, qty, unitPrice));
        }
        return lines;
    }

    private static List<RefundLine> refundLines(final JsonReader r, final int maxLines)
    {
        if (!r.startArray("lines"))
        {
            return null;
        }
        final ArrayList<RefundLine> lines = new ArrayList<>();
        while (r.nextElement())
        {
            final int i = lines.size();
            if (i == maxLines)
            {
                throw new BadRequestException("lines has more than " + maxLines + " lines");
            }
            final LinePaths paths = LinePaths.of(i);
            final String where = paths.line();
            if (r.current() != JsonToken.START_OBJECT)
            {
                throw new BadRequestException(where + " must be an object");
            }
            String sku = null;
            long qty = -1;
            String field;
            while ((field = r.nextField()) != null)
            {
                switch (field)
                {
                    case "sku" -> sku = r.id(paths.sku());
                    case "qty" -> qty = r.integer(paths.qty(), 1, MAX_QTY);
                    default -> throw JsonReader.unknownField(where + "." + field);
                }
            }
            if (sku == null || qty < 0)
            {
                throw new BadRequestException(where + " needs sku and qty");
            }
            lines.add(new RefundLine(sku, qty));
        }
        return lines;
    }

    /** An array of codes (1-64 printable characters each), at most {@code max}; empty for JSON null. */
    static List<String> codes(final JsonReader r, final String where, final int max)
    {
        if (!r.startArray(where))
        {
            return List.of();
        }
        final ArrayList<String> codes = new ArrayList<>();
        while (r.nextElement())
        {
            if (codes.size() == max)
            {
                throw new BadRequestException(where + " has more than " + max + " entries");
            }
            if (r.current() != JsonToken.VALUE_STRING)
            {
                throw new BadRequestException(where + "[" + codes.size() + "] must be a string");
            }
            final String code = r.text();
            if (!JsonReader.isId(code))
            {
                JsonReader.checkId(where + "[" + codes.size() + "]", code);
            }
            codes.add(code);
        }
        return codes;
    }
}
