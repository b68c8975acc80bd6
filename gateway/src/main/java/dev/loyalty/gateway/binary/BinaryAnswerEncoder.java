package dev.loyalty.gateway.binary;

import dev.loyalty.client.Protocol;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.AuthOkEncoder;
import dev.loyalty.engine.sbe.ErrorAnswerEncoder;
import dev.loyalty.engine.sbe.FrameHeaderEncoder;
import dev.loyalty.engine.sbe.KeyRole;
import dev.loyalty.engine.sbe.MessageHeaderEncoder;
import dev.loyalty.engine.sbe.PongEncoder;
import dev.loyalty.engine.sbe.WireErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes answer frames: a {@link Reply} of the engine in the SBE message of its shape (through the
 * {@link AnswerWriter} of the command's type), an error, AUTH_OK and PONG. A frame is built in a scratch buffer
 * that grows to the largest answer seen, then copied once into a pooled {@link ByteBuf} for the channel. A
 * reply encodes to the same bytes every time, so an idempotent replay answers the first answer's bytes (after
 * its own correlation id). One instance per event loop.
 */
final class BinaryAnswerEncoder
{
    /** The retry hint of 429 and 503 answers, as HTTP's {@code Retry-After: 1}. */
    static final int RETRY_AFTER_MILLIS = 1000;

    private static final WireErrorCode[] WIRE_CODES = wireCodes();

    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final FrameHeaderEncoder frameHeader = new FrameHeaderEncoder();
    private final MessageHeaderEncoder messageHeader = new MessageHeaderEncoder();
    private final ErrorAnswerEncoder error = new ErrorAnswerEncoder();
    private final AuthOkEncoder authOk = new AuthOkEncoder();
    private final PongEncoder pong = new PongEncoder();
    private final AnswerWriter[] writers = new AnswerWriter[CommandType.values().length];

    BinaryAnswerEncoder()
    {
        final PurchaseAnswerWriter purchase = new PurchaseAnswerWriter();
        writers[CommandType.AUTHORIZE.ordinal()] = purchase;
        writers[CommandType.ONE_SHOT.ordinal()] = purchase;
        writers[CommandType.CALCULATE.ordinal()] = purchase;
        writers[CommandType.GET_PURCHASE.ordinal()] = purchase;
        writers[CommandType.CAPTURE.ordinal()] = new CaptureAnswerWriter();
        writers[CommandType.VOID.ordinal()] = new VoidAnswerWriter();
        writers[CommandType.REFUND.ordinal()] = new RefundAnswerWriter();
        writers[CommandType.GET_MEMBER.ordinal()] = new MemberAnswerWriter();
        writers[CommandType.RECORD_ACTIVITY.ordinal()] = new ActivityAnswerWriter();
    }

    /**
     * The answer to a command of {@code type}; returns the frame's length in {@link #buffer()}.
     *
     * @throws IllegalStateException when the reply renders something its wire message has no field for.
     */
    int reply(final long correlationId, final CommandType type, final Reply reply)
    {
        if (reply instanceof ErrorReply e)
        {
            return error(correlationId, e.code(), e.message(), e.memberId());
        }
        final AnswerWriter writer = writers[type.ordinal()];
        if (writer == null)
        {
            throw new IllegalStateException("the binary protocol has no answer for " + type);
        }
        messageHeader.wrap(scratch, Protocol.FRAME_HEADER_LENGTH)
            .blockLength(writer.blockLength())
            .templateId(writer.templateId())
            .schemaId(Protocol.SCHEMA_ID)
            .version(Protocol.SCHEMA_VERSION);
        final int length = writer.write(reply, scratch, Protocol.FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH);
        return frame(correlationId, length);
    }

    /** An error answer; {@code memberId} is the merge target of MEMBER_MERGED, else null. */
    int error(final long correlationId, final ErrorCode code, final String message, final String memberId)
    {
        error.wrapAndApplyHeader(scratch, Protocol.FRAME_HEADER_LENGTH, messageHeader)
            .retryAfterMillis(code.httpStatus() == 429 || code.httpStatus() == 503 ? RETRY_AFTER_MILLIS : 0)
            .httpStatus(code.httpStatus())
            .code(WIRE_CODES[code.ordinal()]);
        final int limit = Protocol.putText(scratch, error.limit(), message);
        error.limit(Protocol.putText(scratch, limit, memberId));
        return frame(correlationId, error.encodedLength());
    }

    /** AUTH_OK: what the authenticated connection may do. */
    int authOk(
        final long correlationId, final int maxFrameLength, final int maxInFlight, final long idleTimeoutMillis,
        final boolean admin, final String keyId, final String partnerId)
    {
        authOk.wrapAndApplyHeader(scratch, Protocol.FRAME_HEADER_LENGTH, messageHeader)
            .maxFrameLength(maxFrameLength)
            .maxInFlight(maxInFlight)
            .idleTimeoutMillis(Math.min(idleTimeoutMillis, 0xFFFF_FFFFL))
            .protocolVersion(Protocol.VERSION)
            .role(admin ? KeyRole.ADMIN : KeyRole.POS);
        authOk.limit(Protocol.putText(scratch, Protocol.putText(scratch, authOk.limit(), keyId), partnerId));
        return frame(correlationId, authOk.encodedLength());
    }

    /** PONG. */
    int pong(final long correlationId)
    {
        pong.wrapAndApplyHeader(scratch, Protocol.FRAME_HEADER_LENGTH, messageHeader);
        return frame(correlationId, pong.encodedLength());
    }

    /** The scratch buffer the last frame was built in, from offset 0. */
    ExpandableArrayBuffer buffer()
    {
        return scratch;
    }

    /** The last frame, {@code length} bytes, in a new buffer from {@code alloc}. */
    ByteBuf copy(final ByteBufAllocator alloc, final int length)
    {
        return alloc.directBuffer(length, length).writeBytes(scratch.byteArray(), 0, length);
    }

    private int frame(final long correlationId, final int messageLength)
    {
        final int total = Protocol.FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + messageLength;
        frameHeader.wrap(scratch, 0).length(total - Protocol.LENGTH_FIELD_LENGTH).correlationId(correlationId);
        return total;
    }

    private static WireErrorCode[] wireCodes()
    {
        final ErrorCode[] codes = ErrorCode.values();
        final WireErrorCode[] wire = new WireErrorCode[codes.length];
        for (int i = 0; i < codes.length; i++)
        {
            wire[i] = WireErrorCode.NULL_VAL;
            for (final WireErrorCode w : WireErrorCode.values())
            {
                if (w.name().equals(codes[i].name()))
                {
                    wire[i] = w;
                }
            }
        }
        return wire;
    }
}
