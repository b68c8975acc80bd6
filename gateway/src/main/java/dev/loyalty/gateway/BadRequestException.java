package dev.loyalty.gateway;

import dev.loyalty.engine.reply.ErrorCode;

/**
 * Thrown by the body decoders at the first thing wrong with a request; the handler answers it in API.md's
 * error shape. It is the decoders' way out of a nested parse, not an error: it carries no stack trace.
 */
public final class BadRequestException extends RuntimeException
{
    private final ErrorCode code;

    /** An INVALID_REQUEST naming what is wrong. */
    public BadRequestException(final String message)
    {
        this(ErrorCode.INVALID_REQUEST, message);
    }

    /** An error with its own code. */
    public BadRequestException(final ErrorCode code, final String message)
    {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error code to answer with: INVALID_REQUEST unless the decoder said otherwise. */
    public ErrorCode code()
    {
        return code;
    }
}
