package dev.loyalty.client;

import dev.loyalty.engine.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * One answer frame, as a flyweight: its correlation id, its {@link AnswerType}, and a typed view of its message
 * ({@link #purchase()}, {@link #error()}, ...), each wrapped over the received bytes without copying. Valid only
 * during the {@link AnswerListener} call that got it, or, from {@link LoyaltyClient#call}, until the client's
 * next blocking call.
 */
public final class Answer
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ErrorView error = new ErrorView();
    private final PurchaseView purchase = new PurchaseView();
    private final CaptureView capture = new CaptureView();
    private final VoidView voided = new VoidView();
    private final RefundView refund = new RefundView();
    private final MemberView member = new MemberView();
    private final ActivityView activity = new ActivityView();
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private AnswerType type;

    /**
     * Wraps the frame whose correlation id is at {@code offset} ({@code length} is its length field): what the
     * client does for each answer it reads, for tools that read frames themselves.
     */
    public Answer wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        header.wrap(buffer, offset + Protocol.MESSAGE_HEADER_OFFSET);
        type = header.schemaId() != Protocol.SCHEMA_ID ? AnswerType.UNKNOWN : switch (header.templateId())
        {
            case Protocol.AUTH_OK -> AnswerType.AUTH_OK;
            case Protocol.PONG -> AnswerType.PONG;
            case Protocol.ERROR -> AnswerType.ERROR;
            case Protocol.PURCHASE_ANSWER -> AnswerType.PURCHASE;
            case Protocol.CAPTURE_ANSWER -> AnswerType.CAPTURE;
            case Protocol.VOID_ANSWER -> AnswerType.VOID;
            case Protocol.REFUND_ANSWER -> AnswerType.REFUND;
            case Protocol.MEMBER_ANSWER -> AnswerType.MEMBER;
            case Protocol.ACTIVITY_ANSWER -> AnswerType.ACTIVITY;
            default -> AnswerType.UNKNOWN;
        };
        return this;
    }

    /** The request's correlation id; 0 for an answer about the connection (then the server closes it). */
    public long correlationId()
    {
        return buffer.getLong(offset, Protocol.BYTE_ORDER);
    }

    public AnswerType type()
    {
        return type;
    }

    public int templateId()
    {
        return header.templateId();
    }

    public boolean isError()
    {
        return type == AnswerType.ERROR;
    }

    /** The error; throws when the answer is something else. */
    public ErrorView error()
    {
        expect(AnswerType.ERROR);
        return error.wrap(buffer, body(), header.blockLength(), header.version());
    }

    /** The authorize shape; throws (naming the error) when the answer is something else. */
    public PurchaseView purchase()
    {
        expect(AnswerType.PURCHASE);
        return purchase.wrap(buffer, body(), header.blockLength(), header.version());
    }

    public CaptureView capture()
    {
        expect(AnswerType.CAPTURE);
        return capture.wrap(buffer, body(), header.blockLength(), header.version());
    }

    public VoidView voided()
    {
        expect(AnswerType.VOID);
        return voided.wrap(buffer, body(), header.blockLength(), header.version());
    }

    public RefundView refund()
    {
        expect(AnswerType.REFUND);
        return refund.wrap(buffer, body(), header.blockLength(), header.version());
    }

    public MemberView member()
    {
        expect(AnswerType.MEMBER);
        return member.wrap(buffer, body(), header.blockLength(), header.version());
    }

    public ActivityView activity()
    {
        expect(AnswerType.ACTIVITY);
        return activity.wrap(buffer, body(), header.blockLength(), header.version());
    }

    /** The buffer holding the frame. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** Where the frame's correlation id is in {@link #buffer()} (the length field is just before it). */
    public int offset()
    {
        return offset;
    }

    /** The frame's length field: the bytes from the correlation id to the end of the message. */
    public int length()
    {
        return length;
    }

    /** "ERROR INSUFFICIENT_POINTS (422): …" for an error, else the type and correlation id. Allocates. */
    public String toString()
    {
        if (type == AnswerType.ERROR)
        {
            final ErrorView e = error();
            return "ERROR " + e.wireCode() + " (" + e.httpStatus() + "): " + e.message() + " #" + correlationId();
        }
        return type + " #" + correlationId();
    }

    private int body()
    {
        return offset + Protocol.MESSAGE_OFFSET;
    }

    private void expect(final AnswerType expected)
    {
        if (type != expected)
        {
            throw new IllegalStateException("expected " + expected + " but the answer is " + this);
        }
    }
}
