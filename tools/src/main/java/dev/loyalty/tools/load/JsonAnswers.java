package dev.loyalty.tools.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Decodes an HTTP answer's JSON body into an {@link Answer} with Jackson's streaming parser: the top-level fields
 * the checks read, the {@code lines} array (count and sum of {@code amount}), the CARD values of
 * {@code identifiers}, and {@code error.code} / {@code error.message}. Everything else is skipped. A body that is
 * not JSON throws {@link IOException}, which the checks report as a wrong answer.
 */
final class JsonAnswers
{
    private static final JsonFactory JSON = new JsonFactory();

    private JsonAnswers()
    {
    }

    static void parse(final byte[] body, final int length, final Answer into) throws IOException
    {
        if (length == 0)
        {
            return;
        }
        try (JsonParser p = JSON.createParser(body, 0, length))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException("the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken value = p.nextToken();
                switch (name)
                {
                    case "txId" -> into.txId = text(p, value);
                    case "status" -> into.purchaseStatus = text(p, value);
                    case "memberId" -> into.memberId = text(p, value);
                    case "refundId" -> into.refundId = text(p, value);
                    case "total" -> into.total = number(p, value);
                    case "discount" -> into.discount = number(p, value);
                    case "pointsRedeemed" -> into.pointsRedeemed = number(p, value);
                    case "payable" -> into.payable = number(p, value);
                    case "pointsToEarn" -> into.pointsToEarn = number(p, value);
                    case "pointsEarned" -> into.pointsEarned = number(p, value);
                    case "amount" -> into.amount = number(p, value);
                    case "pointValueMinor" -> into.pointValueMinor = number(p, value);
                    case "maxRedeemShareBp" -> into.maxRedeemShareBp = number(p, value);
                    case "lines" -> lines(p, value, into);
                    case "identifiers" -> identifiers(p, value, into);
                    case "error" -> error(p, value, into);
                    default -> p.skipChildren();
                }
            }
        }
    }

    private static String text(final JsonParser p, final JsonToken value) throws IOException
    {
        if (value == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (value != JsonToken.VALUE_STRING)
        {
            throw new IOException("field " + p.currentName() + " is not a string");
        }
        return p.getText();
    }

    private static long number(final JsonParser p, final JsonToken value) throws IOException
    {
        if (value != JsonToken.VALUE_NUMBER_INT)
        {
            throw new IOException("field " + p.currentName() + " is not an integer");
        }
        return p.getLongValue();
    }

    private static void lines(final JsonParser p, final JsonToken value, final Answer into) throws IOException
    {
        if (value != JsonToken.START_ARRAY)
        {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT)
        {
            into.lineCount++;
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken v = p.nextToken();
                if ("amount".equals(name))
                {
                    into.lineAmountSum += number(p, v);
                }
                else
                {
                    p.skipChildren();
                }
            }
        }
    }

    private static void identifiers(final JsonParser p, final JsonToken value, final Answer into) throws IOException
    {
        if (value != JsonToken.START_ARRAY)
        {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT)
        {
            String type = null;
            String text = null;
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken v = p.nextToken();
                if ("type".equals(name))
                {
                    type = text(p, v);
                }
                else if ("value".equals(name))
                {
                    text = text(p, v);
                }
                else
                {
                    p.skipChildren();
                }
            }
            if ("CARD".equals(type) && text != null)
            {
                into.cards.add(text);
            }
        }
    }

    private static void error(final JsonParser p, final JsonToken value, final Answer into) throws IOException
    {
        if (value != JsonToken.START_OBJECT)
        {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken v = p.nextToken();
            if ("code".equals(name))
            {
                into.errorCode = text(p, v);
            }
            else if ("message".equals(name))
            {
                into.errorMessage = text(p, v);
            }
            else
            {
                p.skipChildren();
            }
        }
    }
}
