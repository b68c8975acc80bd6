package dev.loyalty.engine.reply;

/**
 * The answer to a command. A reply is immutable once the business logic has returned it, renders itself the
 * same way every time (so that an idempotent replay is byte for byte the first answer), and carries its HTTP
 * status so that every front end maps it the same way.
 */
public interface Reply
{
    /** HTTP status: 200, 201, or the error's status. */
    int httpStatus();

    /** The error code when this reply is an error, else null. */
    default ErrorCode errorCode()
    {
        return null;
    }

    /** Renders the body. */
    void writeTo(ReplyWriter writer);
}
