package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/** {@code {"entries":[…],"nextBefore":seq|null}}, entries newest first. */
record LedgerReply(List<LedgerEntry> entries, long nextBefore) implements Reply
{
    static final long NO_MORE = -1;

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.startArray("entries");
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            entries.get(i).writeTo(w);
        }
        w.endArray();
        if (nextBefore == NO_MORE)
        {
            w.nullField("nextBefore");
        }
        else
        {
            w.field("nextBefore", nextBefore);
        }
        w.endObject();
    }
}
