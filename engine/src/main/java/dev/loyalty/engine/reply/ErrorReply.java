package dev.loyalty.engine.reply;

import java.util.Objects;

/**
 * An error answer: {@code {"error":{"code":"…","message":"…"}}}, plus {@code "memberId"} (the merge target)
 * for {@link ErrorCode#MEMBER_MERGED}. A rejected command changes no state.
 */
public record ErrorReply(ErrorCode code, String message, String memberId) implements Reply
{
    public ErrorReply
    {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ErrorReply of(final ErrorCode code, final String message)
    {
        return new ErrorReply(code, message, null);
    }

    public int httpStatus()
    {
        return code.httpStatus();
    }

    public ErrorCode errorCode()
    {
        return code;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.startObject("error");
        w.field("code", code.name());
        w.field("message", message);
        if (memberId != null)
        {
            w.field("memberId", memberId);
        }
        w.endObject();
        w.endObject();
    }
}
