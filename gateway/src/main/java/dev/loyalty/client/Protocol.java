package dev.loyalty.client;

import dev.loyalty.engine.journal.Utf8;
import dev.loyalty.engine.sbe.ActivityAnswerEncoder;
import dev.loyalty.engine.sbe.AuthEncoder;
import dev.loyalty.engine.sbe.AuthOkEncoder;
import dev.loyalty.engine.sbe.AuthorizeRequestEncoder;
import dev.loyalty.engine.sbe.CalculateRequestEncoder;
import dev.loyalty.engine.sbe.CaptureAnswerEncoder;
import dev.loyalty.engine.sbe.CaptureRequestEncoder;
import dev.loyalty.engine.sbe.ErrorAnswerEncoder;
import dev.loyalty.engine.sbe.FrameHeaderEncoder;
import dev.loyalty.engine.sbe.GetMemberRequestEncoder;
import dev.loyalty.engine.sbe.GetPurchaseRequestEncoder;
import dev.loyalty.engine.sbe.MemberAnswerEncoder;
import dev.loyalty.engine.sbe.MessageHeaderEncoder;
import dev.loyalty.engine.sbe.OneShotRequestEncoder;
import dev.loyalty.engine.sbe.PingEncoder;
import dev.loyalty.engine.sbe.PongEncoder;
import dev.loyalty.engine.sbe.PurchaseAnswerEncoder;
import dev.loyalty.engine.sbe.RecordActivityRequestEncoder;
import dev.loyalty.engine.sbe.RefundAnswerEncoder;
import dev.loyalty.engine.sbe.RefundRequestEncoder;
import dev.loyalty.engine.sbe.VoidAnswerEncoder;
import dev.loyalty.engine.sbe.VoidRequestEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The constants of the binary protocol (docs/binary-protocol.md), shared by the server and the client. A frame
 * on the wire:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     length (uint32 LE)                        |  bytes after this field
 *  +---------------------------------------------------------------+
 *  |                     correlation id (int64 LE)                 |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |      blockLength (uint16)     |      templateId (uint16)      |  SBE messageHeader
 *  +-------------------------------+-------------------------------+
 *  |      schemaId (uint16) = 1    |      version (uint16)         |
 *  +-------------------------------+-------------------------------+
 *  |                message: block, groups, var data              ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Offsets named {@code *_OFFSET} count from the correlation id, that is from just after the length field.
 */
public final class Protocol
{
    /** The protocol version an AUTH frame asks for and AUTH_OK confirms. */
    public static final int VERSION = 1;
    /** The port {@code loyalty serve} listens on by default. */
    public static final int DEFAULT_PORT = 9090;
    /** The SBE schema id every message header carries. */
    public static final int SCHEMA_ID = MessageHeaderEncoder.SCHEMA_ID;
    /** The SBE schema version this code was generated from. */
    public static final int SCHEMA_VERSION = MessageHeaderEncoder.SCHEMA_VERSION;
    /** The byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Bytes of the length field. */
    public static final int LENGTH_FIELD_LENGTH = 4;
    /** Bytes of the frame header: length and correlation id. */
    public static final int FRAME_HEADER_LENGTH = FrameHeaderEncoder.BLOCK_LENGTH;
    /** Where the SBE message header starts, counted from the correlation id. */
    public static final int MESSAGE_HEADER_OFFSET = 8;
    /** Where the message body starts, counted from the correlation id. */
    public static final int MESSAGE_OFFSET = MESSAGE_HEADER_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
    /** The smallest length field: a correlation id and a message header. */
    public static final int MIN_FRAME_LENGTH = MESSAGE_OFFSET;
    /** The correlation id of an answer about the connection rather than one request. */
    public static final long CONNECTION_CORRELATION_ID = 0;

    /** Request template id: first frame of a connection: the key. */
    public static final int AUTH = AuthEncoder.TEMPLATE_ID;
    /** Request template id: a heartbeat. */
    public static final int PING = PingEncoder.TEMPLATE_ID;
    /** Request template id: authorize a purchase. */
    public static final int AUTHORIZE = AuthorizeRequestEncoder.TEMPLATE_ID;
    /** Request template id: authorize and capture in one step. */
    public static final int ONE_SHOT = OneShotRequestEncoder.TEMPLATE_ID;
    /** Request template id: price a cheque without holding anything. */
    public static final int CALCULATE = CalculateRequestEncoder.TEMPLATE_ID;
    /** Request template id: capture an authorized purchase. */
    public static final int CAPTURE = CaptureRequestEncoder.TEMPLATE_ID;
    /** Request template id: void an authorized purchase. */
    public static final int VOID = VoidRequestEncoder.TEMPLATE_ID;
    /** Request template id: refund part or all of a captured purchase. */
    public static final int REFUND = RefundRequestEncoder.TEMPLATE_ID;
    /** Request template id: a purchase as it is now. */
    public static final int GET_PURCHASE = GetPurchaseRequestEncoder.TEMPLATE_ID;
    /** Request template id: a member's profile, by id or identifier. */
    public static final int GET_MEMBER = GetMemberRequestEncoder.TEMPLATE_ID;
    /** Request template id: record an activity. */
    public static final int RECORD_ACTIVITY = RecordActivityRequestEncoder.TEMPLATE_ID;

    /** Answer template id: the key is good. */
    public static final int AUTH_OK = AuthOkEncoder.TEMPLATE_ID;
    /** Answer template id: the answer to PING. */
    public static final int PONG = PongEncoder.TEMPLATE_ID;
    /** Answer template id: an error. */
    public static final int ERROR = ErrorAnswerEncoder.TEMPLATE_ID;
    /** Answer template id: the authorize shape. */
    public static final int PURCHASE_ANSWER = PurchaseAnswerEncoder.TEMPLATE_ID;
    /** Answer template id: a capture. */
    public static final int CAPTURE_ANSWER = CaptureAnswerEncoder.TEMPLATE_ID;
    /** Answer template id: a void. */
    public static final int VOID_ANSWER = VoidAnswerEncoder.TEMPLATE_ID;
    /** Answer template id: a refund. */
    public static final int REFUND_ANSWER = RefundAnswerEncoder.TEMPLATE_ID;
    /** Answer template id: a member's profile. */
    public static final int MEMBER_ANSWER = MemberAnswerEncoder.TEMPLATE_ID;
    /** Answer template id: an activity. */
    public static final int ACTIVITY_ANSWER = ActivityAnswerEncoder.TEMPLATE_ID;

    private Protocol()
    {
    }

    /**
     * Writes {@code value} as an SBE var string (uint32 length, then UTF-8) at {@code limit}, without allocating;
     * null is written empty. The buffer must have room for {@link #maxTextLength(CharSequence)} bytes.
     *
     * @return the limit after the string.
     */
    public static int putText(final MutableDirectBuffer buffer, final int limit, final CharSequence value)
    {
        if (value == null)
        {
            buffer.putInt(limit, 0, BYTE_ORDER);
            return limit + 4;
        }
        final int length = Utf8.encode(value, buffer, limit + 4);
        buffer.putInt(limit, length, BYTE_ORDER);
        return limit + 4 + length;
    }

    /** The most bytes {@link #putText} can write for {@code value}. */
    public static int maxTextLength(final CharSequence value)
    {
        return 4 + (value == null ? 0 : Utf8.maxEncodedLength(value.length()));
    }
}
