package dev.loyalty.client;

import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.sbe.ErrorAnswerDecoder;
import dev.loyalty.engine.sbe.WireErrorCode;
import org.agrona.DirectBuffer;

/**
 * An error ({@code ErrorAnswer}): HTTP's {@code {"error":{"code","message"}}} with the HTTP status of the same
 * error and, for 429 and 503 codes, how long to wait before retrying.
 */
public final class ErrorView extends View
{
    private static final ErrorCode[] CODES = codes();

    private final ErrorAnswerDecoder decoder = new ErrorAnswerDecoder();
    private int messagePosition;
    private int memberIdPosition;

    ErrorView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        messagePosition = offset + blockLength;
        memberIdPosition = skipText(messagePosition);
        return this;
    }

    /** The error code; null for a code newer than this client. */
    public ErrorCode code()
    {
        final int raw = decoder.codeRaw();
        return raw < CODES.length ? CODES[raw] : null;
    }

    /** The code as the wire carries it. */
    public WireErrorCode wireCode()
    {
        return decoder.code();
    }

    public int httpStatus()
    {
        return decoder.httpStatus();
    }

    /** For 429 and 503 codes, how long to wait before retrying; else 0. */
    public long retryAfterMillis()
    {
        return decoder.retryAfterMillis();
    }

    /** For people, like HTTP's {@code message}. */
    public String message()
    {
        return text(messagePosition);
    }

    /** MEMBER_MERGED: the member the merged one now is; else null. */
    public String memberId()
    {
        return textOrNull(memberIdPosition);
    }

    private static ErrorCode[] codes()
    {
        final WireErrorCode[] wire = WireErrorCode.values();
        final ErrorCode[] codes = new ErrorCode[256];
        for (final WireErrorCode w : wire)
        {
            if (w != WireErrorCode.NULL_VAL)
            {
                for (final ErrorCode code : ErrorCode.values())
                {
                    if (code.name().equals(w.name()))
                    {
                        codes[w.value()] = code;
                    }
                }
            }
        }
        return codes;
    }
}
