package dev.loyalty.engine.logic;

import dev.loyalty.engine.reply.ReplyWriter;

/** A member's balance at one moment: {@code {"available","pending","held"}}. {@code available} may be negative. */
record BalanceView(long available, long pending, long held)
{
    static BalanceView of(final Member m)
    {
        return new BalanceView(m.available, m.pending, m.held);
    }

    void writeTo(final ReplyWriter w)
    {
        write(w, available, pending, held);
    }

    /** Renders {@code "balance":{"available","pending","held"}} from its figures. */
    static void write(final ReplyWriter w, final long available, final long pending, final long held)
    {
        w.startObject("balance");
        w.field("available", available);
        w.field("pending", pending);
        w.field("held", held);
        w.endObject();
    }
}
