package dev.loyalty.engine.reply;

import dev.loyalty.engine.command.KeyRole;

/**
 * The answer to {@code POST /v1/keys}: {@code {"keyId","key":null,"role":"pos","partnerId":"main"}}. The engine
 * never sees the secret, so it renders {@code key} as null; the gateway, which generated the secret, writes
 * the first answer itself with the secret in {@code key} and uses this reply's fields for the rest. A replay
 * renders this reply as it is (the secret is shown once).
 *
 * @param keyId     the key's id.
 * @param role      the key's role.
 * @param partnerId the partner a {@code POS} key is bound to; null for an admin key.
 */
public record KeyCreatedReply(String keyId, KeyRole role, String partnerId) implements Reply
{
    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        writeTo(w, null);
    }

    /** Renders the answer with {@code key} set to the key itself (null: not shown). */
    public void writeTo(final ReplyWriter w, final String key)
    {
        w.startObject();
        w.field("keyId", keyId);
        w.field("key", key);
        w.field("role", role == KeyRole.POS ? "pos" : "admin");
        w.field("partnerId", partnerId);
        w.endObject();
    }
}
