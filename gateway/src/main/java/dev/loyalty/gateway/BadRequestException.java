package dev.loyalty.gateway;

import dev.loyalty.engine.reply.ErrorCode;

/**
 * Thrown by the body decoders at the first thing wrong with a request; the handler answers it in API.md's
 * error shape. It is the decoders' way out of a nested parse, not an error: it carries no stack trace.
 */
final class BadRequestException extends RuntimeException
{
    private final ErrorCode code;

    BadRequestException(final String message)
    {
        this(ErrorCode.INVALID_REQUEST, message);
    }

    BadRequestException(final ErrorCode code, final String message)
    {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code()
    {
        return code;
    }
}
