package dev.loyalty.gateway.binary;

import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import dev.loyalty.engine.sbe.AuthorizeRequestEncoder;
import dev.loyalty.engine.sbe.CalculateRequestEncoder;
import dev.loyalty.engine.sbe.CaptureRequestEncoder;
import dev.loyalty.engine.sbe.GetPurchaseRequestEncoder;
import dev.loyalty.engine.sbe.OneShotRequestEncoder;
import dev.loyalty.engine.sbe.VoidRequestEncoder;
import dev.loyalty.engine.sbe.WireErrorCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire codecs' own rules: the schema keeps step with the engine, writers refuse what the wire cannot say. */
class WireCodecsTest
{
    @Test
    void shouldHaveAWireCodeForEveryErrorCodeAndNoOther()
    {
        assertEquals(ErrorCode.values().length, WireErrorCode.values().length - 1, "NULL_VAL aside");
        for (final ErrorCode code : ErrorCode.values())
        {
            assertEquals(code.name(), WireErrorCode.valueOf(code.name()).name());
        }
    }

    @Test
    void shouldShareOneLayoutBetweenTheRequestsOneDecoderReads()
    {
        assertEquals(AuthorizeRequestEncoder.BLOCK_LENGTH, OneShotRequestEncoder.BLOCK_LENGTH);
        assertEquals(AuthorizeRequestEncoder.BLOCK_LENGTH, CalculateRequestEncoder.BLOCK_LENGTH);
        final int[] authorize = {AuthorizeRequestEncoder.redeemPointsEncodingOffset(),
            AuthorizeRequestEncoder.memberRefKindEncodingOffset(),
            AuthorizeRequestEncoder.memberIdentifierTypeEncodingOffset(),
            AuthorizeRequestEncoder.redeemMaxEncodingOffset(),
            AuthorizeRequestEncoder.LinesEncoder.sbeBlockLength(),
            AuthorizeRequestEncoder.LinesEncoder.qtyEncodingOffset(),
            AuthorizeRequestEncoder.LinesEncoder.unitPriceEncodingOffset(),
            AuthorizeRequestEncoder.CouponsEncoder.sbeBlockLength()};
        final int[] oneShot = {OneShotRequestEncoder.redeemPointsEncodingOffset(),
            OneShotRequestEncoder.memberRefKindEncodingOffset(),
            OneShotRequestEncoder.memberIdentifierTypeEncodingOffset(),
            OneShotRequestEncoder.redeemMaxEncodingOffset(),
            OneShotRequestEncoder.LinesEncoder.sbeBlockLength(),
            OneShotRequestEncoder.LinesEncoder.qtyEncodingOffset(),
            OneShotRequestEncoder.LinesEncoder.unitPriceEncodingOffset(),
            OneShotRequestEncoder.CouponsEncoder.sbeBlockLength()};
        final int[] calculate = {CalculateRequestEncoder.redeemPointsEncodingOffset(),
            CalculateRequestEncoder.memberRefKindEncodingOffset(),
            CalculateRequestEncoder.memberIdentifierTypeEncodingOffset(),
            CalculateRequestEncoder.redeemMaxEncodingOffset(),
            CalculateRequestEncoder.LinesEncoder.sbeBlockLength(),
            CalculateRequestEncoder.LinesEncoder.qtyEncodingOffset(),
            CalculateRequestEncoder.LinesEncoder.unitPriceEncodingOffset(),
            CalculateRequestEncoder.CouponsEncoder.sbeBlockLength()};
        assertEquals(java.util.Arrays.toString(authorize), java.util.Arrays.toString(oneShot));
        assertEquals(java.util.Arrays.toString(authorize), java.util.Arrays.toString(calculate));
        assertEquals(CaptureRequestEncoder.BLOCK_LENGTH, VoidRequestEncoder.BLOCK_LENGTH);
        assertEquals(CaptureRequestEncoder.BLOCK_LENGTH, GetPurchaseRequestEncoder.BLOCK_LENGTH);
        assertEquals(CaptureRequestEncoder.txIdId(), VoidRequestEncoder.txIdId());
        assertEquals(CaptureRequestEncoder.txIdId(), GetPurchaseRequestEncoder.txIdId());
    }

    @Test
    void shouldRefuseToRenderAFieldTheWireHasNoPlaceFor()
    {
        final BinaryAnswerEncoder encoder = new BinaryAnswerEncoder();
        final IllegalStateException unknown = assertThrows(IllegalStateException.class,
            () -> encoder.reply(1, CommandType.CAPTURE, reply(w ->
            {
                w.startObject();
                w.field("txId", "t");
                w.field("status", "CAPTURED");
                w.field("pointsEarned", 1);
                w.field("pointsRedeemed", 0);
                w.field("bonus", 5);
                w.endObject();
            })));
        assertTrue(unknown.getMessage().contains("number bonus in the answer"), unknown.getMessage());

        assertThrows(IllegalStateException.class, () -> encoder.reply(1, CommandType.VOID, reply(w ->
        {
            w.startObject();
            w.field("txId", "t");
            w.field("status", "CAPTURED");
            w.endObject();
        })), "a void answer says VOIDED");
        assertThrows(IllegalStateException.class, () -> encoder.reply(1, CommandType.RECORD_ACTIVITY, reply(w ->
        {
            w.startObject();
            w.field("requestId", "a");
            w.startArray("achievements");
            w.startObject();
            w.field("achievementId", "x");
            w.endObject();
            w.endArray();
            w.endObject();
        })), "achievements have no group yet: refused, not dropped");
        assertThrows(IllegalStateException.class, () -> encoder.reply(1, CommandType.AUTHORIZE, reply(w ->
        {
            w.startObject();
            w.field("status", "AUTHORIZED");
            w.startArray("coupons");
            w.endArray();
            w.startArray("lines");
            w.endArray();
            w.endObject();
        })), "groups come in the schema's order");
        assertThrows(IllegalStateException.class, () -> encoder.reply(1, CommandType.GET_LEDGER, reply(w -> { })));
    }

    @Test
    void shouldWriteAGroupTheReplyLeavesOutEmpty()
    {
        final BinaryAnswerEncoder encoder = new BinaryAnswerEncoder();
        final int length = encoder.reply(7, CommandType.CALCULATE, reply(w ->
        {
            w.startObject();
            w.field("status", "CALCULATED");
            w.field("total", 100);
            w.startArray("promotions");
            w.startObject();
            w.field("promotionId", "p");
            w.field("points", 3);
            w.field("discount", 0);
            w.endObject();
            w.endArray();
            w.endObject();
        }));
        final dev.loyalty.client.PurchaseView p = new dev.loyalty.client.Answer()
            .wrap(encoder.buffer(), 4, length - 4).purchase();

        assertEquals(0, p.lineCount());
        assertEquals(1, p.promotionCount());
        assertEquals("p", p.promotionId(0));
        assertEquals(3, p.promotionPoints(0));
        assertEquals(0, p.couponCount());
        assertEquals(100, p.total());
        assertEquals(null, p.txId());
        assertFalse(p.hasBalance());
    }

    @Test
    void shouldAcceptWellFormedUtf8Only()
    {
        assertTrue(utf8(0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80));
        assertFalse(utf8(0xC0, 0x80), "overlong NUL");
        assertFalse(utf8(0xE0, 0x80, 0xAF), "overlong");
        assertFalse(utf8(0xED, 0xA0, 0x80), "a surrogate");
        assertFalse(utf8(0xF4, 0x90, 0x80, 0x80), "past U+10FFFF");
        assertFalse(utf8(0xE2, 0x82), "truncated");
        assertFalse(utf8(0x80), "a lone continuation byte");
        assertFalse(utf8(0xFF));
        assertEquals("é", WireText.readOrNull(new UnsafeBuffer(new byte[]{(byte)0xC3, (byte)0xA9}), 0, 2));
        assertEquals(null, WireText.readOrNull(new UnsafeBuffer(new byte[]{(byte)0xC3}), 0, 1));
    }

    @Test
    void shouldReadTheEnginesInstantsBackExactly()
    {
        for (long t = -86_400_000L * 800; t < 86_400_000L * 365 * 200; t += 86_400_000L * 7 + 3_601_000)
        {
            final String text = Instant.ofEpochMilli(t).toString();
            assertEquals(t, InstantText.epochMillis(text), text);
        }
        assertEquals(Long.MAX_VALUE / 1000 * 1000,
            InstantText.epochMillis(Instant.ofEpochMilli(Long.MAX_VALUE / 1000 * 1000).toString()));
    }

    private static boolean utf8(final int... bytes)
    {
        final byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            b[i] = (byte)bytes[i];
        }
        return WireText.isUtf8(new UnsafeBuffer(b), 0, b.length);
    }

    private static Reply reply(final Consumer<ReplyWriter> render)
    {
        return new Reply()
        {
            public int httpStatus()
            {
                return 200;
            }

            public void writeTo(final ReplyWriter writer)
            {
                render.accept(writer);
            }
        };
    }
}
