package dev.loyalty.gateway;

import dev.loyalty.engine.pricing.Pricer;

/**
 * The field rules of API.md that every front end applies, so that the binary protocol refuses exactly what the
 * HTTP gateway refuses, with the same messages. Each check returns the value when it passes and throws a
 * {@link BadRequestException} naming the field when it does not. These delegate to the HTTP decoders' own
 * checks: there is one definition of each rule.
 */
public final class RequestChecks
{
    /** Largest {@code qty} of a line. */
    public static final long MAX_QTY = PurchaseBodies.MAX_QTY;
    /** Largest {@code unitPrice} of a line, in minor units. */
    public static final long MAX_UNIT_PRICE = PurchaseBodies.MAX_UNIT_PRICE;
    /** Largest {@code redeemPoints}. */
    public static final long MAX_REDEEM_POINTS = PurchaseBodies.MAX_POINTS;
    /** Coupon codes a purchase may present. */
    public static final int MAX_COUPONS = PurchaseBodies.MAX_COUPONS;
    /** Attributes a member or an activity may carry. */
    public static final int MAX_ATTRIBUTES = MemberBodies.MAX_ATTRIBUTES;
    /** Largest refund {@code amount}, in minor units (a purchase's largest total). */
    public static final long MAX_REFUND_AMOUNT = Pricer.MAX_TOTAL;
    /** Longest attribute value, in characters. */
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 256;

    private RequestChecks()
    {
    }

    /** An id or code: 1-64 printable ASCII characters. */
    public static String id(final String field, final String value)
    {
        return JsonReader.checkId(field, value);
    }

    /** True for an id, so that a caller builds the field's name only for the message of a bad one. */
    public static boolean isId(final String value)
    {
        return JsonReader.isId(value);
    }

    /** An UPPER_SNAKE word (payment kinds, activity types): A-Z, 0-9 and '_', from a letter, 1-64 long. */
    public static String upperSnake(final String field, final String value)
    {
        return JsonReader.checkUpperSnake(field, value);
    }

    /** An identifier's value: 1-256 characters, no controls, no leading or trailing space. */
    public static String identifierValue(final String field, final String value)
    {
        return PurchaseBodies.identifierValue(value, field);
    }

    /** An ISO-8601 date-time with offset, such as {@code 2026-12-06T09:15:00+03:00}. */
    public static String occurredAt(final String field, final String value)
    {
        return PurchaseBodies.checkOccurredAt(field, value);
    }

    /** An integer in {@code min..max}. */
    public static long integer(final String field, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new BadRequestException(field + " must be " + min + ".." + max);
        }
        return value;
    }

    /** One attribute of {@code field}: the key an id, the value at most 256 characters without controls. */
    public static void attribute(final String field, final String key, final String value)
    {
        final String where = field + "." + key;
        JsonReader.checkId(where, key);
        if (value.length() > MAX_ATTRIBUTE_VALUE_LENGTH)
        {
            throw new BadRequestException(where + " must be at most " + MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
        }
        JsonReader.checkText(where, value);
    }

    /** Mutating calls need their {@code requestId}. */
    public static void requireRequestId(final String requestId)
    {
        MemberBodies.requireRequestId(requestId);
    }
}
