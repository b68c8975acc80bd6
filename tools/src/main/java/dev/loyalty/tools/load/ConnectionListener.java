package dev.loyalty.tools.load;

/** What a {@link Connection} reports, on its own thread. */
public interface ConnectionListener
{
    /** An answer came for {@code request}, at {@code answeredNs} ({@link System#nanoTime()}). */
    void onAnswer(Request request, Answer answer, long answeredNs);

    /** The request got no answer: the connection failed or closed first. */
    void onFailed(Request request, Throwable cause);

    /** The connection closed, by either side, after {@link #onFailed} for every request in flight. */
    void onClosed(Throwable cause);
}
