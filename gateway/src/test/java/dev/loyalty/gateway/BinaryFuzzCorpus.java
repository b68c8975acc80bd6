package dev.loyalty.gateway;

import dev.loyalty.client.ActivityRequest;
import dev.loyalty.client.FrameEncoder;
import dev.loyalty.client.MemberRequest;
import dev.loyalty.client.PingRequest;
import dev.loyalty.client.Protocol;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.RefundRequest;
import dev.loyalty.client.Request;
import dev.loyalty.client.TxRequest;
import dev.loyalty.engine.sbe.IdentifierType;
import org.agrona.ExpandableArrayBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed corpus of {@link BinaryFuzzTest}, encoded with the client's own {@link FrameEncoder}: a valid frame of
 * every request type against the state {@link #seedState} makes (member {@code m_1} with card {@code 777} and
 * 500 points, store {@code web}, a captured purchase {@code seed-1}), pipelined checkouts, and malformed frames
 * (lengths out of range, truncated frames, other schemas and templates, bad enums, groups and strings that
 * overrun the frame, invalid UTF-8, bytes after the message, a second AUTH). {@code main} writes it under
 * {@code src/test/resources}; {@code BinaryFuzzTest} checks the committed files are what it writes.
 */
final class BinaryFuzzCorpus
{
    static final String AFTER_AUTH = "shouldAnswerEveryFrameAfterAuthWithoutAnInternalError";
    static final String BEFORE_AUTH = "shouldAnswerAnyBytesBeforeAuthWithAnErrorOrAuthOk";
    static final int[] REQUEST_TEMPLATES = {
        Protocol.PING, Protocol.AUTHORIZE, Protocol.ONE_SHOT, Protocol.CALCULATE, Protocol.CAPTURE, Protocol.VOID,
        Protocol.REFUND, Protocol.GET_PURCHASE, Protocol.GET_MEMBER, Protocol.RECORD_ACTIVITY};

    static final String CARD = "777";
    static final String MEMBER_ID = "m_1";
    static final String STORE = "web";
    static final String SEED_TX = "seed-1";
    private static final String OCCURRED_AT = "2026-12-06T09:15:00+03:00";

    private static final FrameEncoder ENCODER = new FrameEncoder();

    private BinaryFuzzCorpus()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        write(Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/loyalty/gateway/BinaryFuzzTestInputs"));
    }

    /** Writes both methods' inputs under {@code root}. */
    static void write(final Path root) throws IOException
    {
        for (final Map.Entry<String, Map<String, byte[]>> method : Map.of(
            AFTER_AUTH, afterAuth(), BEFORE_AUTH, beforeAuth()).entrySet())
        {
            final Path dir = root.resolve(method.getKey());
            Files.createDirectories(dir);
            for (final Map.Entry<String, byte[]> input : method.getValue().entrySet())
            {
                Files.write(dir.resolve(input.getKey()), input.getValue());
            }
        }
    }

    /** The state the corpus's valid frames name: 500 points for the member, a captured purchase to refund. */
    static void seedState(final EmbeddedGateway http)
    {
        final EmbeddedGateway.Answer found = http.exchange(RawHttp.request("GET",
            "/v1/members?identifierType=CARD&value=" + CARD, EmbeddedGateway.ADMIN_KEY, null)
            .getBytes(StandardCharsets.UTF_8)).answers().get(0);
        assertEquals(MEMBER_ID, Json.str(found.body(), "memberId"), found.toString());
        final EmbeddedGateway.Answer adjusted = http.exchange(RawHttp.request("POST",
            "/v1/members/" + MEMBER_ID + "/adjustments", EmbeddedGateway.ADMIN_KEY,
            "{\"requestId\":\"fuzz-adj\",\"points\":500,\"reason\":\"fuzz\"}").getBytes(StandardCharsets.UTF_8))
            .answers().get(0);
        assertEquals(200, adjusted.status(), adjusted.toString());
        final EmbeddedGateway.Answer bought = http.exchange(RawHttp.request("POST", "/v1/purchases",
            EmbeddedGateway.ADMIN_KEY, Checkout.apiExample(SEED_TX, STORE, Checkout.byCard(CARD), "0")
                .replace(",\"coupons\":[\"WELCOME10\"]", "")).getBytes(StandardCharsets.UTF_8)).answers().get(0);
        assertEquals(200, bought.status(), bought.toString());
    }

    /** An admin connection that looks up the seeded member and purchase: three answers. */
    static byte[] probe()
    {
        return concat(RawBinary.auth(1, Protocol.VERSION, EmbeddedGateway.ADMIN_KEY),
            frame(MemberRequest.byIdentifier(IdentifierType.CARD, CARD), 2),
            frame(TxRequest.getPurchase(SEED_TX), 3));
    }

    /** An admin connection whose one authorize redeems more points than the member has (rejected). */
    static byte[] overRedeemingAuthorize()
    {
        return concat(RawBinary.auth(1, Protocol.VERSION, EmbeddedGateway.ADMIN_KEY),
            frame(authorize("t-over").redeemPoints(1_000_000), 2));
    }

    private static Map<String, byte[]> afterAuth()
    {
        final Map<String, byte[]> in = new LinkedHashMap<>();
        final byte[] authorize = frame(authorize("t-1"), 2);
        final byte[] capture = frame(TxRequest.capture("t-1"), 3);
        final byte[] oneShot = frame(PurchaseRequest.oneShot().txId("t-2").storeId(STORE).memberId(MEMBER_ID)
            .occurredAt(OCCURRED_AT).redeemMax().line("SKU-1", null, 1, 10_000), 2);
        final byte[] refund = frame(new RefundRequest().txId(SEED_TX).refundId("r-1").amount(5_000), 4);
        in.put("ping-0", afterAuth(0, frame(PingRequest.INSTANCE, 2)));
        in.put("authorize-0", afterAuth(0, authorize));
        in.put("authorize-1", afterAuth(1, frame(authorize("t-3").redeemMax().coupon("C-1").coupon("C-2"), 2)));
        in.put("authorize_capture-0", afterAuth(0, authorize, capture));
        in.put("authorize_void-0", afterAuth(1, authorize, frame(TxRequest.voidPurchase("t-1"), 3)));
        in.put("one_shot-0", afterAuth(0, oneShot));
        in.put("one_shot-1", afterAuth(1, frame(PurchaseRequest.oneShot().txId("t-4").storeId(STORE).anonymous()
            .payment("CASH").line("SKU-2", "tea", 3, 700), 2)));
        in.put("calculate-0", afterAuth(0, frame(PurchaseRequest.calculate().storeId(STORE)
            .memberIdentifier(IdentifierType.CARD, CARD).line("SKU-1", "coffee", 2, 25_000), 2)));
        in.put("refund-0", afterAuth(0, refund));
        in.put("refund-1", afterAuth(1, frame(new RefundRequest().txId(SEED_TX).refundId("r-2").line("SKU-9", 1), 2)));
        in.put("get_purchase-0", afterAuth(0, frame(TxRequest.getPurchase(SEED_TX), 2)));
        in.put("get_member-0", afterAuth(0, frame(MemberRequest.byId(MEMBER_ID), 2)));
        in.put("get_member-1", afterAuth(1, frame(MemberRequest.byIdentifier(IdentifierType.CARD, CARD), 2)));
        in.put("activity-0", afterAuth(0, frame(new ActivityRequest().requestId("a-1").memberId(MEMBER_ID)
            .type("APP_INSTALL").storeId(STORE).occurredAt(OCCURRED_AT).attribute("os", "android"), 2)));
        in.put("pipelined-0", afterAuth(1, authorize, capture, refund, frame(TxRequest.getPurchase("t-1"), 5),
            frame(PingRequest.INSTANCE, 6), frame(MemberRequest.byId(MEMBER_ID), 7)));

        // Malformed, each from a valid frame: the decoder's edges.
        in.put("truncated-0", afterAuth(0, capture, cut(authorize, 5)));
        in.put("length-under-minimum", afterAuth(0, capture, le32(15)));
        in.put("length-over-maximum", afterAuth(0, capture, le32(70_000)));
        in.put("length-max-uint32", afterAuth(0, le32(0xffff_ffffL), authorize));
        in.put("schema-2", afterAuth(0, patch16(authorize, 16, 2), capture));
        in.put("template-unknown", afterAuth(0, patch16(capture, 14, 219), patch16(capture, 14, 150),
            patch16(capture, 14, 65_535)));
        in.put("template-answer", afterAuth(0, patch16(capture, 14, Protocol.PURCHASE_ANSWER)));
        in.put("version-newer", afterAuth(0, patch16(authorize, 18, 7), patch16(capture, 18, 1)));
        in.put("block-length-0", afterAuth(0, patch16(authorize, 12, 0)));
        in.put("block-length-huge", afterAuth(0, patch16(authorize, 12, 65_535), patch16(capture, 12, 40)));
        in.put("block-length-longer", afterAuth(0, patch16(authorize, 12, 12)));
        in.put("group-count-huge", afterAuth(0, patch16(authorize, 20 + 13, 65_535)));
        in.put("group-entry-block-0", afterAuth(0, patch16(authorize, 20 + 11, 0)));
        in.put("string-length-huge", afterAuth(0, patch32(capture, 20, 0x7fff_ffffL), patch32(capture, 20, 0xffff_ffffL),
            patch32(capture, 20, 14)));
        in.put("string-empty", afterAuth(0, emptyText(capture)));
        in.put("utf8-invalid", afterAuth(0, frame(TxRequest.capture("t\u00ff1"), 2), invalidUtf8(capture)));
        in.put("trailing-bytes", afterAuth(0, trailing(capture, 3), trailing(frame(PingRequest.INSTANCE, 4), 1)));
        in.put("enum-member-ref", afterAuth(0, patch8(authorize, 20 + 8, 7), patch8(authorize, 20 + 9, 9),
            patch8(authorize, 20 + 10, 2)));
        in.put("second-auth", afterAuth(0, RawBinary.auth(2, Protocol.VERSION, EmbeddedGateway.ADMIN_KEY), capture));
        in.put("qty-out-of-range", afterAuth(0, frame(authorize("t-5").line("SKU-3", null, 0, 1), 2),
            frame(authorize("t-6").line("SKU-3", null, 100_001, 1), 3),
            frame(authorize("t-7").line("SKU-3", null, 1, -1), 4),
            frame(authorize("t-8").line("SKU-3", null, 1, 100_000_000_001L), 5)));
        in.put("redeem-over-balance", afterAuth(0, frame(authorize("t-9").redeemPoints(1_000_000), 2)));
        in.put("refund-negative", afterAuth(0, frame(new RefundRequest().txId(SEED_TX).refundId("r-3").amount(-1), 2),
            frame(new RefundRequest().txId(SEED_TX).refundId("r-4").amount(1L << 62), 3)));
        final PurchaseRequest many = authorize("t-10");
        for (int i = 0; i < 201; i++)
        {
            many.line("S" + i, null, 1, 1);
        }
        in.put("lines-over-limit", afterAuth(0, frame(many, 2)));
        final ActivityRequest attributes = new ActivityRequest().requestId("a-2").memberId(MEMBER_ID).type("X");
        for (int i = 0; i < 33; i++)
        {
            attributes.attribute("k" + i, "v");
        }
        in.put("attributes-over-limit", afterAuth(0, frame(attributes, 2)));
        for (final int template : REQUEST_TEMPLATES)
        {
            in.put("empty-message-" + template, afterAuth(0, emptyMessage(template, 2)));
        }
        return in;
    }

    private static Map<String, byte[]> beforeAuth()
    {
        final Map<String, byte[]> in = new LinkedHashMap<>();
        final byte[] auth = RawBinary.auth(1, Protocol.VERSION, EmbeddedGateway.ADMIN_KEY);
        final byte[] authorize = frame(authorize("t-20"), 2);
        in.put("auth-then-checkout", concat(auth, authorize, frame(TxRequest.capture("t-20"), 3)));
        in.put("auth-then-ping", concat(auth, frame(PingRequest.INSTANCE, 2)));
        in.put("request-first", concat(authorize, auth));
        in.put("ping-first", frame(PingRequest.INSTANCE, 1));
        in.put("auth-bad-key", RawBinary.auth(1, Protocol.VERSION, "key_forged.secret"));
        in.put("auth-empty-key", RawBinary.auth(1, Protocol.VERSION, ""));
        in.put("auth-long-key", RawBinary.auth(1, Protocol.VERSION, "k".repeat(300)));
        in.put("auth-version-2", RawBinary.auth(1, 2, EmbeddedGateway.ADMIN_KEY));
        in.put("auth-schema-2", patch16(auth, 16, 2));
        in.put("auth-truncated", cut(auth, 4));
        in.put("auth-trailing", trailing(auth, 2));
        in.put("auth-string-overrun", patch32(auth, 22, 1_000));
        in.put("auth-length-over-maximum", concat(le32(70_000), auth));
        in.put("auth-length-under-minimum", le32(3));
        in.put("http-on-binary-port", "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        in.put("empty-frame", emptyMessage(Protocol.AUTH, 1));
        return in;
    }

    private static PurchaseRequest authorize(final String txId)
    {
        return PurchaseRequest.authorize().txId(txId).storeId(STORE).memberIdentifier(IdentifierType.CARD, CARD)
            .occurredAt(OCCURRED_AT).payment("CARD").redeemPoints(100)
            .line("SKU-1", "coffee", 2, 25_000).line("SKU-9", "bakery", 1, 9_000);
    }

    static byte[] frame(final Request request, final long correlationId)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(FrameEncoder.maxFrameLength(request));
        final int length = ENCODER.encode(request, correlationId, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** An input of {@link BinaryFuzzTest}'s after-AUTH method: the key byte (0 admin, 1 pos), then frames. */
    private static byte[] afterAuth(final int key, final byte[]... frames)
    {
        return concat(new byte[] {(byte)key}, concat(frames));
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] p : parts)
        {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] le32(final long value)
    {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)value).array();
    }

    private static byte[] cut(final byte[] frame, final int bytes)
    {
        return java.util.Arrays.copyOf(frame, frame.length - bytes);
    }

    private static byte[] patch8(final byte[] frame, final int at, final int value)
    {
        final byte[] b = frame.clone();
        b[at] = (byte)value;
        return b;
    }

    private static byte[] patch16(final byte[] frame, final int at, final int value)
    {
        final byte[] b = frame.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short)value);
        return b;
    }

    private static byte[] patch32(final byte[] frame, final int at, final long value)
    {
        final byte[] b = frame.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int)value);
        return b;
    }

    /** The frame with {@code bytes} zeros after its message, its length field counting them. */
    private static byte[] trailing(final byte[] frame, final int bytes)
    {
        final byte[] b = java.util.Arrays.copyOf(frame, frame.length + bytes);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, frame.length + bytes - 4);
        return b;
    }

    /** A capture-shaped frame whose one string is empty (absent txId). */
    private static byte[] emptyText(final byte[] capture)
    {
        final byte[] b = java.util.Arrays.copyOf(capture, 24);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 20).putInt(20, 0);
        return b;
    }

    /** A capture-shaped frame whose txId bytes are not UTF-8. */
    private static byte[] invalidUtf8(final byte[] capture)
    {
        final byte[] b = capture.clone();
        b[24] = (byte)0xc3;
        b[25] = (byte)0x28;
        return b;
    }

    /** A frame of {@code template} with an empty message: the header alone, block length 0. */
    private static byte[] emptyMessage(final int template, final long correlationId)
    {
        return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(16).putLong(correlationId)
            .putShort((short)0).putShort((short)template).putShort((short)Protocol.SCHEMA_ID).putShort((short)0)
            .array();
    }
}
